using Winnow.Core;
using Winnow.Tuning.Methods;
using Winnow.Tuning.Methods.Full;
using Winnow.Tuning.Methods.Head;
using Winnow.Tuning.Methods.Lora;
using Winnow.Tuning.Tasks;
using Winnow.Tuning.Training;

namespace Winnow.Tuning.Tests.Training;

public sealed class TrainRecipeLoaderTests
{
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Winnow.sln"))) dir = dir.Parent;
        return dir.FullName;
    }

    [Fact]
    public void Load_Banking77Example_BindsEveryKeyAndResolvesPathsFromTheRecipeFolder()
    {
        var root = RepoRoot();
        var r = TrainRecipeLoader.Load(Path.Combine(root, "examples", "banking77", "train.yaml"));
        Assert.Equal(Path.Combine(root, "out", "banking77", "train.jsonl"), r.Data.Train);
        Assert.Equal(Path.Combine(root, "out", "banking77", "test.jsonl"), r.Data.Eval);
        var lora = Assert.IsType<LoraOptions>(r.Method);
        Assert.Equal("lora", lora.Type);
        Assert.Equal(8, lora.R);
        Assert.Equal(16, lora.Alpha);
        Assert.Equal(["query", "value"], lora.TargetModules.Names);
        Assert.Equal(1e-3, r.Optimizer.Lr);
        Assert.Equal(1e-2, r.Optimizer.HeadLr);
        Assert.Equal(0.06, r.Schedule.WarmupRatio);
        Assert.Equal(32, r.Training.BatchSize);
        Assert.Equal(3, r.Training.Epochs);
        Assert.Equal(64, r.Data.MaxLength);
    }

    [Fact]
    public void Parse_Defaults_AreTransformersTrainingArguments()
    {
        var r = TrainRecipeLoader.Parse("data: {train: t.jsonl}\n", "/r/x.yaml");
        Assert.Equal("x", r.Name);
        Assert.Equal(1e-3, r.Optimizer.LrFor(r.Method)); // LoRA's, from the PEFT table
        Assert.Equal(8, r.Training.BatchSize);
        Assert.Equal(3, r.Training.Epochs);
        Assert.Equal(1.0, r.Training.MaxGradNorm);
        Assert.Equal(ScheduleKind.Linear, r.Schedule.Type);
        Assert.Equal("/r/t.jsonl", r.Data.Train);
    }

    [Fact]
    public void Parse_UnknownKey_NamesLineKeyAndValidKeys()
    {
        var ex = Assert.Throws<RecipeException>(() => TrainRecipeLoader.Parse("data:\n  train: t.jsonl\nmethod:\n  type: lora\n  rank: 8\n", "r.yaml"));
        Assert.Equal(5, ex.Line);
        Assert.Equal("method.rank", ex.Key);
        Assert.Contains("target_modules", ex.Message);
    }

    [Fact]
    public void Parse_BadValue_NamesLineAndKey()
    {
        var ex = Assert.Throws<RecipeException>(() => TrainRecipeLoader.Parse("data:\n  train: t.jsonl\ntraining:\n  batch_size: many\n", "r.yaml"));
        Assert.Equal(4, ex.Line);
        Assert.Equal("training.batch_size", ex.Key);
    }

    [Fact]
    public void Parse_TargetModulesString_IsAFullMatchRegex()
    {
        var r = TrainRecipeLoader.Parse("data: {train: t.jsonl}\nmethod:\n  target_modules: '.*\\.(query|key)'\n", "r.yaml");
        var targets = Assert.IsType<LoraOptions>(r.Method).TargetModules;
        Assert.True(targets.Matches("bert.encoder.layer.0.attention.self.key"));
        Assert.False(targets.Matches("bert.encoder.layer.0.attention.self.value"));
    }

    [Fact]
    public void Parse_MissingTrain_SaysItIsRequired()
    {
        var ex = Assert.Throws<RecipeException>(() => TrainRecipeLoader.Parse("data:\n  eval: e.jsonl\n", "r.yaml"));
        Assert.Equal("data.train", ex.Key);
    }

    [Fact]
    public void Load_MissingFile_IsARecipeErrorWithExitCodeTwo()
    {
        var ex = Assert.Throws<RecipeException>(() => TrainRecipeLoader.Load("/nonexistent/train.yaml"));
        Assert.Equal(2, ex.ExitCode);
        Assert.Contains("/nonexistent/train.yaml", ex.Message);
    }

    [Fact]
    public void Parse_MalformedYaml_NamesTheLine()
    {
        var ex = Assert.Throws<RecipeException>(() => TrainRecipeLoader.Parse("data:\n  train: t.jsonl\nmethod: {type: lora\n", "r.yaml"));
        Assert.Equal(2, ex.ExitCode);
        Assert.True(ex.Line >= 3, $"line {ex.Line}");
    }

    [Fact]
    public void Parse_UnknownMethodType_SuggestsTheNearestAndListsAll()
    {
        var ex = Assert.Throws<RecipeException>(() => TrainRecipeLoader.Parse("data: {train: t.jsonl}\nmethod:\n  type: prefx\n", "r.yaml"));
        Assert.Equal(3, ex.Line);
        Assert.Equal("method.type", ex.Key);
        Assert.Contains("did you mean 'prefix'", ex.Message);
        Assert.Contains("full, lora, adapter, prefix, prompt, head", ex.Message);
    }

    [Fact]
    public void Parse_OptionOfAnotherMethod_IsUnknownForThisOne()
    {
        var ex = Assert.Throws<RecipeException>(() => TrainRecipeLoader.Parse("data: {train: t.jsonl}\nmethod:\n  type: prompt\n  r: 8\n", "r.yaml"));
        Assert.Equal("method.r", ex.Key);
        Assert.Contains("num_virtual_tokens", ex.Message);
    }

    [Fact]
    public void Parse_EachMethodType_BindsItsOptionsWithDefaults()
    {
        var prefix = Assert.IsType<Winnow.Tuning.Methods.Prefix.PrefixOptions>(TrainRecipeLoader.Parse("data: {train: t.jsonl}\nmethod: {type: prefix, num_virtual_tokens: 10}\n", "r.yaml").Method);
        Assert.Equal(10, prefix.NumVirtualTokens);
        Assert.True(prefix.Projection);
        var head = TrainRecipeLoader.Parse("data: {train: t.jsonl}\nmethod: {type: head}\n", "r.yaml");
        Assert.Equal(1e-2, head.Optimizer.LrFor(head.Method));
        var adapter = Assert.IsType<Winnow.Tuning.Methods.Adapter.AdapterOptions>(TrainRecipeLoader.Parse("data: {train: t.jsonl}\nmethod: {type: adapter, size: 32}\n", "r.yaml").Method);
        Assert.Equal(32, adapter.SizeFor(384));
        var token = TrainRecipeLoader.Parse("task: token_classification\ndata: {train: t.conll}\n", "r.yaml");
        Assert.Equal(TaskKind.TokenClassification, token.Task);
        Assert.Equal("f1", token.Training.MetricFor(token.Task));
    }

    [Fact]
    public void Load_WnutExample_IsTokenClassificationWithLora()
    {
        var r = TrainRecipeLoader.Load(Path.Combine(RepoRoot(), "examples", "wnut17", "train.yaml"));
        Assert.Equal(TaskKind.TokenClassification, r.Task);
        Assert.Equal("lora", r.Method.Type);
        Assert.Equal(Path.Combine(RepoRoot(), "out", "wnut17", "test.jsonl"), r.Data.Eval);
    }
}
