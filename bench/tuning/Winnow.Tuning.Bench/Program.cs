// Step-time benchmark: the machine's fp32 matmul FLOP/s and a training step (batch 32 × 64 tokens) of LoRA, full
// fine-tuning or head-only on MiniLM, in the same process, so the achieved fraction of peak is measured under the
// same conditions. One method per process, so peak RSS belongs to that method.
// dotnet run -c Release --project bench/tuning/Winnow.Tuning.Bench -- --method lora|full|head|adapter|prefix|prompt [--steps 10] [--threads N]
using System.Diagnostics;
using System.Text.Json;
using TorchSharp;
using Winnow.Tuning.Backbones.MiniLm;
using Winnow.Tuning.Data;
using Winnow.Tuning.Methods;
using Winnow.Tuning.Methods.Lora;
using Winnow.Tuning.Tasks.SequenceClassification;
using Winnow.Core.Running;
using Winnow.Embeddings;
using Winnow.Tuning.Training;
using static TorchSharp.torch;

string method = Arg("--method") ?? "lora";
int steps = int.Parse(Arg("--steps") ?? "10"), warmup = 2, batch = 32, tokens = 64;
int threads = int.Parse(Arg("--threads") ?? Environment.ProcessorCount.ToString());
string data = Arg("--data") ?? "out/banking77/train.jsonl";
set_num_threads(threads);
if (!args.Contains("--default-heap")) NativeHeap.KeepFreedPages();
manual_seed(42);

double peakBefore = MatmulFlops();

// Real banking77 texts, packed to exactly 64 tokens each (no padding: every token is work).
var tok = WordPieceTokenizer.MiniLm();
var texts = LabeledTextReader.Read(data); // all of train: the head has every label (77 for banking77)
var labels = LabelSet.From(texts);
var pool = texts.SelectMany(t => tok.Encode(t.Text, 64)[1..^1]).ToArray();
var ids = new long[batch * tokens];
for (int r = 0; r < batch; r++)
{
    ids[r * tokens] = 101;
    Array.Copy(pool, r * (tokens - 2), ids, r * tokens + 1, tokens - 2);
    ids[r * tokens + tokens - 1] = 102;
}
using var inputIds = tensor(ids, [batch, tokens]);
using var mask = ones(batch, tokens, dtype: ScalarType.Int64);
using var targets = tensor(Enumerable.Range(0, batch).Select(i => (long)(i % labels.Count)).ToArray(), [batch]);

bool noDropout = args.Contains("--no-dropout");
var config = noDropout ? BertConfig.MiniLmL6 with { HiddenDropout = 0, AttentionDropout = 0 } : BertConfig.MiniLmL6;
var model = new SequenceClassifier(MiniLm.Load(config), labels.Count, noDropout ? 0 : 0.1);
var options = method == "lora"
    ? new LoraOptions { Type = "lora", R = 8, Alpha = 16, Dropout = noDropout ? 0 : 0.1 }
    : MethodRegistry.Defaults(method);
MethodRegistry.Create(options).Apply(model);
var counts = ParameterCounts.Of(model);
var trainable = model.named_parameters().Where(p => p.parameter.requires_grad).ToList();
using var opt = new AdamW([new ParamGroup("all", [.. trainable.Select(p => (p.name, (Tensor)p.parameter))], 1e-4, 0.01)], 0.9, 0.999, 1e-8);
model.train();

var times = new List<double>();
var cpuTimes = new List<(double User, double Sys)>();
var self = Process.GetCurrentProcess();
for (int s = 0; s < warmup + steps; s++)
{
    self.Refresh();
    (var user0, var sys0) = (self.UserProcessorTime, self.PrivilegedProcessorTime);
    var sw = Stopwatch.StartNew();
    using (var scope = NewDisposeScope())
    {
        var loss = nn.functional.cross_entropy(model.forward(inputIds, mask), targets);
        loss.backward();
        nn.utils.clip_grad_norm_(trainable.Select(p => p.parameter), 1.0);
        opt.Step(1.0);
        opt.ZeroGrad();
    }
    if (s < warmup) continue;
    times.Add(sw.Elapsed.TotalSeconds);
    self.Refresh();
    cpuTimes.Add(((self.UserProcessorTime - user0).TotalSeconds, (self.PrivilegedProcessorTime - sys0).TotalSeconds));
}
double peakAfter = MatmulFlops();
if (args.Contains("--breakdown"))
{
    model.eval();
    var fw = Stopwatch.StartNew();
    for (int i = 0; i < 3; i++) using (var scope = NewDisposeScope()) using (inference_mode()) model.forward(inputIds, mask);
    Console.Error.WriteLine($"forward (inference mode, no dropout): {fw.Elapsed.TotalSeconds / 3:F3} s");
    model.train();
    var ft = Stopwatch.StartNew();
    for (int i = 0; i < 3; i++) using (var scope = NewDisposeScope()) model.forward(inputIds, mask);
    Console.Error.WriteLine($"forward (train mode, autograd): {ft.Elapsed.TotalSeconds / 3:F3} s");
}

// Model FLOPs per step (multiply-add = 2): linear layers 2·P per token (P = encoder linear weights, 6 layers ×
// (4·H² + 2·H·I)), attention scores and mixing 4·T·H per token per layer. Backward: activations (×1) always except
// head-only (no gradient flows into the frozen encoder); weight gradients (×1) only for full fine-tuning.
var c = BertConfig.MiniLmL6;
double linear = 2.0 * c.NumLayers * (4.0 * c.HiddenSize * c.HiddenSize + 2.0 * c.HiddenSize * c.IntermediateSize);
double attention = 4.0 * tokens * c.HiddenSize * c.NumLayers;
double forward = (linear + attention) * batch * tokens;
// Methods that put a trainable module inside the encoder (all but head) send activation gradients through it.
double factor = method switch { "full" => 3.0, "head" => 1.0, _ => 2.0 };
double flops = forward * factor;
times.Sort();
double median = times[times.Count / 2];
double peak = Math.Max(peakBefore, peakAfter);
var result = new
{
    method,
    threads,
    batch,
    tokens,
    trainable = counts.Trainable,
    total = counts.Total,
    s_per_step_median = Math.Round(median, 4),
    s_per_step_min = Math.Round(times[0], 4),
    // CPU seconds per step (user, system; median): robust to other load on the machine, unlike wall time.
    cpu_user_s_per_step = Math.Round(cpuTimes.Select(c => c.User).Order().ElementAt(cpuTimes.Count / 2), 4),
    cpu_sys_s_per_step = Math.Round(cpuTimes.Select(c => c.Sys).Order().ElementAt(cpuTimes.Count / 2), 4),
    model_gflop_per_step = Math.Round(flops / 1e9, 2),
    achieved_gflops = Math.Round(flops / median / 1e9, 2),
    matmul_gflops = Math.Round(peak / 1e9, 2),
    matmul_gflops_before = Math.Round(peakBefore / 1e9, 2),
    matmul_gflops_after = Math.Round(peakAfter / 1e9, 2),
    fraction_of_matmul = Math.Round(flops / median / peak, 3),
    peak_rss_mb = PeakRss.Bytes() / (1 << 20),
    load_average = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "",
};
Console.WriteLine(JsonSerializer.Serialize(result));

// fp32 matmul throughput: 1024×1024 products, best of 5 rounds of 8.
static double MatmulFlops()
{
    const int n = 1024;
    using var a = randn(n, n);
    using var b = randn(n, n);
    using (var w = a.matmul(b)) { }
    double best = 0;
    for (int round = 0; round < 5; round++)
    {
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < 8; i++) using (var y = a.matmul(b)) { }
        best = Math.Max(best, 8 * 2.0 * n * n * n / sw.Elapsed.TotalSeconds);
    }
    return best;
}

string? Arg(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
