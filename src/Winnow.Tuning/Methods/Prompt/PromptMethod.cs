using System.Text.Json.Nodes;
using Winnow.Tuning.Files;
using Winnow.Tuning.Modules;
using Winnow.Tuning.Tasks;
using static TorchSharp.torch;

namespace Winnow.Tuning.Methods.Prompt;

/// <summary>
/// Prompt tuning: a <see cref="PromptEmbedding"/> attached to the encoder prepends P soft tokens to every input; the
/// output keeps only the real tokens' rows (pooling and token tags ignore the virtual ones). The soft prompt and the
/// head train. Saved in PEFT's PROMPT_TUNING layout (<c>prompt_embeddings</c> (P, H)). Not mergeable.
/// </summary>
public sealed class PromptMethod(PromptOptions options) : TuningMethod<PromptOptions>(options)
{
    public const string PromptKey = "prompt_embeddings";

    protected override void AddModules(TaskModel model)
    {
        var encoder = model.Encoder;
        var prompt = new PromptEmbedding(Options.NumVirtualTokens, encoder.Config.HiddenSize);
        switch (Options.Init)
        {
            case "text":
                if (string.IsNullOrWhiteSpace(Options.InitText)) throw new WinnowException("method.init_text: init: text needs the text to start the prompt from", 2);
                var tokenizer = encoder.Tokenizer ?? throw new WinnowException("init: text needs the backbone's tokenizer", 2);
                var ids = tokenizer.Encode(Options.InitText, 512)[1..^1];
                if (ids.Length == 0) throw new WinnowException($"method.init_text: '{Options.InitText}' has no tokens", 2);
                prompt.InitFrom(encoder.WordEmbeddings, ids);
                break;
            case "sample_vocab":
                // Random vocabulary rows, drawn from the seeded torch generator (reproducible by seed).
                using (var draw = randint(0, encoder.Config.VocabSize, [Options.NumVirtualTokens], dtype: ScalarType.Int64))
                    prompt.InitFrom(encoder.WordEmbeddings, [.. draw.data<long>()]);
                break;
            default:
                using (no_grad()) prompt.Weight.normal_(0, 1); // nn.Embedding's initialisation, PEFT's RANDOM
                break;
        }
        encoder.Attach("prompt_encoder", prompt);
    }

    public override JsonObject? Config(TaskModel model, string baseModel)
    {
        var c = model.Encoder.Config;
        return new JsonObject
        {
            ["auto_mapping"] = null,
            ["base_model_name_or_path"] = baseModel,
            ["inference_mode"] = true,
            ["num_attention_heads"] = c.NumHeads,
            ["num_layers"] = c.NumLayers,
            ["num_transformer_submodules"] = 1,
            ["num_virtual_tokens"] = Options.NumVirtualTokens,
            ["peft_type"] = "PROMPT_TUNING",
            ["prompt_tuning_init"] = Options.Init switch { "text" => "TEXT", "sample_vocab" => "SAMPLE_VOCAB", _ => "RANDOM" },
            ["prompt_tuning_init_text"] = Options.InitText,
            ["revision"] = null,
            ["task_type"] = PeftFiles.TaskType(model),
            ["token_dim"] = c.HiddenSize,
            ["tokenizer_kwargs"] = null,
            ["tokenizer_name_or_path"] = Options.Init == "text" ? baseModel : null,
        };
    }

    public override void Save(string dir, TaskModel model, string baseModel)
    {
        var prompt = AdapterModules.Of<PromptEmbedding>(model).Single().Module;
        TensorFiles.Save(Path.Combine(dir, PeftFiles.WeightsFile),
            new[] { (PromptKey, (Tensor)prompt.Weight) }.Concat(model.HeadParameters().Select(p => (PeftFiles.KeyPrefix + p.Name, (Tensor)p.Parameter))));
        File.WriteAllText(Path.Combine(dir, PeftFiles.ConfigFile), Config(model, baseModel)!.ToJsonString(PeftFiles.Json));
    }

    public override void Load(string dir, TaskModel model)
    {
        var prompt = AdapterModules.Of<PromptEmbedding>(model).Single().Module;
        var parameters = model.HeadParameters().ToDictionary(p => p.Name, p => p.Parameter, StringComparer.Ordinal);
        parameters[PromptKey] = prompt.Weight;
        TensorFiles.LoadInto(Path.Combine(dir, PeftFiles.WeightsFile), parameters, strict: true,
            key => key == PromptKey ? key : PeftFiles.ParameterName(key, parameters));
    }

    protected override string WhyNoMerge => "its soft prompt is extra input tokens, not a change to a weight matrix";
}
