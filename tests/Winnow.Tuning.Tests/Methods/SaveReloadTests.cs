using Winnow.Core;
using Winnow.Tuning.Backbones.MiniLm;
using Winnow.Tuning.Files;
using Winnow.Tuning.Methods;
using Winnow.Tuning.Tasks;
using static TorchSharp.torch;

namespace Winnow.Tuning.Tests.Methods;

/// <summary>
/// Every method × task: what a method saves reloads to identical logits, with every trainable weight moved (so a
/// tensor left out of the files would show); LoRA merges. Trained end to end: <c>MethodTaskMatrixTests</c>.
/// </summary>
public sealed class SaveReloadTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("winnow-methods-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    public static TheoryData<string, TaskKind> MethodsAndTasks()
    {
        var data = new TheoryData<string, TaskKind>();
        foreach (var method in MethodRegistry.Types)
            foreach (var task in Enum.GetValues<TaskKind>())
                data.Add(method, task);
        return data;
    }

    /// <summary>A model with the method applied and its trainable weights moved away from their initial values, as after training.</summary>
    private static (TaskModel Model, ModelCard Card) Trained(string type, TaskKind task) => Trained(type, task, out _);

    private static (TaskModel Model, ModelCard Card) Trained(string type, TaskKind task, out Tensor untrained)
    {
        manual_seed(7);
        var options = MethodRegistry.Defaults(type);
        var method = MethodRegistry.Create(options);
        var model = TaskRegistry.CreateModel(task, MiniLmBackbone.Instance.Pretrained(), 5, 0);
        method.Apply(model);
        model.eval();
        untrained = Logits(model);
        using (no_grad())
            foreach (var (_, p) in method.Trainable(model)) p.add_(randn_like(p).mul_(0.05));
        model.eval();
        var card = new ModelCard
        {
            Method = type, MethodOptions = MethodRegistry.ToJson(options), Task = TaskNames.Of(task),
            Labels = ["a", "b", "c", "d", "e"],
        };
        return (model, card);
    }

    private static Tensor Logits(TaskModel model)
    {
        var tokenizer = MiniLmBackbone.Instance.Tokenizer();
        var texts = new[] { "my card has not arrived yet", "how do I top up by bank transfer?" };
        var rows = texts.Select(t => tokenizer.Encode(t, 32)).ToList();
        int t = rows.Max(r => r.Length);
        var ids = new long[rows.Count * t];
        var mask = new long[rows.Count * t];
        for (int i = 0; i < rows.Count; i++)
            for (int j = 0; j < rows[i].Length; j++) { ids[i * t + j] = rows[i][j]; mask[i * t + j] = 1; }
        using var inference = inference_mode();
        return model.forward(tensor(ids, [rows.Count, t]), tensor(mask, [rows.Count, t]));
    }

    [Theory]
    [MemberData(nameof(MethodsAndTasks))]
    public void SaveThenLoad_EveryMethodAndTask_GivesTheSameLogits(string type, TaskKind task)
    {
        var (model, card) = Trained(type, task, out var untrained);
        using var before = Logits(model);
        var dir = Path.Combine(_dir, $"{type}-{task}");
        ModelFolder.Save(dir, model, card);

        var (reloaded, reloadedCard) = ModelFolder.Load(dir);
        using var after = Logits(reloaded);

        Assert.Equal(type, reloadedCard.Method);
        Assert.Equal(before.shape, after.shape);
        double diff = (before - after).abs().max().item<float>();
        Assert.True(diff == 0, $"{type}/{task}: logits differ by {diff} after save and reload");
        // The trained weights matter: before they moved, the model gave other logits.
        Assert.True((before - untrained).abs().max().item<float>() > 1e-3, $"{type}: the saved weights made no difference");
    }

    [Fact]
    public void Merge_Lora_GivesAFullModelWithTheSameLogits()
    {
        var (model, card) = Trained("lora", TaskKind.SingleLabel);
        using var before = Logits(model);
        var dir = Path.Combine(_dir, "lora");
        ModelFolder.Save(dir, model, card);

        var merged = ModelFolder.Merge(dir, Path.Combine(_dir, "merged"));
        var (reloaded, _) = ModelFolder.Load(Path.Combine(_dir, "merged"));
        using var after = Logits(reloaded);

        Assert.Equal("full", merged.Method);
        Assert.True((before - after).abs().max().item<float>() <= 1e-4);
    }
}
