using System.Text.Json.Nodes;
using Winnow.Tuning.Files;
using Winnow.Tuning.Modules;
using Winnow.Tuning.Tasks;

namespace Winnow.Tuning.Methods.Prefix;

/// <summary>
/// Prefix tuning: a <see cref="PrefixEncoder"/> attached to the encoder gives every layer's self-attention P extra
/// keys and values (the attention mask covers them; real tokens take positions P, P+1, … as in transformers); the
/// prefixes and the head train. Saved in PEFT's PREFIX_TUNING layout: <c>adapter_config.json</c> and
/// <c>adapter_model.safetensors</c> with <c>prompt_embeddings</c> (P, L·2·H), the final prefixes (the MLP is not
/// saved, so the config says <c>prefix_projection: false</c>), and the head. Not mergeable.
/// </summary>
public sealed class PrefixMethod(PrefixOptions options) : TuningMethod<PrefixOptions>(options)
{
    public const string PromptKey = "prompt_embeddings";

    private bool _loading;

    protected override void AddModules(TaskModel model)
    {
        var c = model.Encoder.Config;
        // A model loaded from files gets the saved final prefixes: no MLP to rebuild.
        bool projection = Options.Projection && !_loading;
        model.Encoder.Attach("prefix_encoder", new PrefixEncoder(c, Options.NumVirtualTokens, projection, Options.ProjectionHiddenSize ?? c.HiddenSize));
    }

    /// <summary>The method prepared for loading saved prefixes (no projection MLP).</summary>
    public override ITuningMethod ForLoading() => new PrefixMethod(Options) { _loading = true };

    public override JsonObject? Config(TaskModel model, string baseModel)
    {
        var c = model.Encoder.Config;
        return new JsonObject
        {
            ["auto_mapping"] = null,
            ["base_model_name_or_path"] = baseModel,
            ["encoder_hidden_size"] = Options.ProjectionHiddenSize ?? c.HiddenSize,
            ["inference_mode"] = true,
            ["num_attention_heads"] = c.NumHeads,
            ["num_layers"] = c.NumLayers,
            ["num_transformer_submodules"] = 1,
            ["num_virtual_tokens"] = Options.NumVirtualTokens,
            ["peft_type"] = "PREFIX_TUNING",
            ["prefix_projection"] = false,
            ["revision"] = null,
            ["task_type"] = PeftFiles.TaskType(model),
            ["token_dim"] = c.HiddenSize,
        };
    }

    public override void Save(string dir, TaskModel model, string baseModel)
    {
        var encoder = AdapterModules.Of<PrefixEncoder>(model).Single().Module;
        using (var final = encoder.FinalPrefixes().detach())
            TensorFiles.Save(Path.Combine(dir, PeftFiles.WeightsFile),
                new[] { (PromptKey, final) }.Concat(model.HeadParameters().Select(p => (PeftFiles.KeyPrefix + p.Name, (TorchSharp.torch.Tensor)p.Parameter))));
        File.WriteAllText(Path.Combine(dir, PeftFiles.ConfigFile), Config(model, baseModel)!.ToJsonString(PeftFiles.Json));
    }

    public override void Load(string dir, TaskModel model)
    {
        var encoder = AdapterModules.Of<PrefixEncoder>(model).Single().Module;
        var path = Path.Combine(dir, PeftFiles.WeightsFile);
        using (var final = TensorFiles.Read(path, PromptKey)) encoder.LoadFinal(final);
        var head = model.HeadParameters().ToDictionary(p => p.Name, p => p.Parameter, StringComparer.Ordinal);
        if (head.Count > 0) TensorFiles.LoadInto(path, head, strict: true, key => key == PromptKey ? null : PeftFiles.ParameterName(key, head));
    }

    protected override string WhyNoMerge => "its prefixes are extra keys and values in every attention layer, not a change to a weight matrix";
}
