// Augmentation's worth: a head-only probe. For each run folder given (winnow run output with train.jsonl and
// test.jsonl, and their MiniLM embeddings train.emb.jsonl and test.emb.jsonl from `winnow embed`), fits a
// multinomial logistic regression on the training embeddings (a fixed budget of gradient steps, so augmented sets
// get no more training than the plain one) and prints its accuracy on the test set. run.sh makes the folders.
//   dotnet run -c Release --project bench/augment-worth -- out/augment-worth/1/base out/augment-worth/1/syn …
using System.Globalization;
using System.Text.Json;
using Winnow.Annotation.Classifiers;

const int Steps = 2_000, Batch = 32;
foreach (var dir in args)
{
    var (trainX, trainY) = Read(dir, "train");
    var (testX, testY) = Read(dir, "test");
    var labels = trainY.Concat(testY).Distinct().Order(StringComparer.Ordinal).ToList();
    var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i);
    var epochs = Math.Max(1, (int)Math.Round(Steps / Math.Ceiling(trainX.Count / (double)Batch)));
    var model = SoftmaxRegression.Fit(trainX, trainY.Select(l => index[l]).ToList(), labels.Count,
        new SoftmaxOptions(Epochs: epochs, LearningRate: 0.1, L2: 1e-4, BatchSize: Batch), seed: 1);
    var correct = 0;
    for (var i = 0; i < testX.Count; i++)
    {
        var p = model.Predict(testX[i]);
        if (Array.IndexOf(p, p.Max()) == index[testY[i]]) correct++;
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{dir}\ttrain {trainX.Count}\tepochs {epochs}\ttest {testX.Count}\taccuracy {correct / (double)testX.Count:0.0000}"));
}

static (List<float[]> X, List<string> Y) Read(string dir, string split)
{
    var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
    foreach (var line in File.ReadLines(Path.Combine(dir, split + ".emb.jsonl")))
    {
        using var doc = JsonDocument.Parse(line);
        vectors[doc.RootElement.GetProperty("id").GetString()!] =
            doc.RootElement.GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray();
    }
    var (x, y) = (new List<float[]>(), new List<string>());
    foreach (var line in File.ReadLines(Path.Combine(dir, split + ".jsonl")))
    {
        using var doc = JsonDocument.Parse(line);
        var id = doc.RootElement.GetProperty("id").GetString()!;
        x.Add(vectors.TryGetValue(id, out var v) ? v : throw new InvalidDataException($"{dir}/{split}.emb.jsonl: no embedding for {id}"));
        y.Add(doc.RootElement.GetProperty("label").GetString()!);
    }
    return (x, y);
}
