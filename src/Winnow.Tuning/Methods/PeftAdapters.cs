using System.Text.Json.Nodes;
using Winnow.Tuning.Backbones;
using Winnow.Tuning.Methods.Lora;
using Winnow.Tuning.Methods.Prefix;
using Winnow.Tuning.Methods.Prompt;
using Winnow.Tuning.Tasks.FeatureExtraction;

namespace Winnow.Tuning.Methods;

/// <summary>
/// Adapter folders that Hugging Face PEFT wrote (or Winnow, in PEFT's layout): <c>adapter_config.json</c> says the
/// method (LORA, PREFIX_TUNING, PROMPT_TUNING), and the weights load onto the bare encoder
/// (<c>winnow inspect embed --adapter DIR</c>).
/// </summary>
public static class PeftAdapters
{
    /// <summary>The method options an adapter folder's config describes.</summary>
    public static MethodOptions ReadOptions(string dir)
    {
        var type = PeftFiles.PeftType(dir) ?? throw new InputException(Path.Combine(dir, PeftFiles.ConfigFile), 0, "missing: a PEFT adapter folder holds adapter_config.json");
        switch (type)
        {
            case "LORA":
                return LoraFiles.ReadConfig(dir);
            case "PREFIX_TUNING":
            {
                var (path, root) = PeftFiles.ReadConfig(dir, type);
                if (root["prefix_projection"]?.GetValue<bool>() == true)
                    throw new InputException(path, 0, "prefix_projection: true saves the projection's input, not the prefixes; save the adapter with the final prefixes", "prefix_projection");
                return new PrefixOptions { Type = "prefix", NumVirtualTokens = VirtualTokens(path, root), Projection = false };
            }
            case "PROMPT_TUNING":
            {
                var (path, root) = PeftFiles.ReadConfig(dir, type);
                return new PromptOptions { Type = "prompt", NumVirtualTokens = VirtualTokens(path, root), Init = "random" };
            }
            default:
                throw new InputException(Path.Combine(dir, PeftFiles.ConfigFile), 0, $"peft_type '{type}' is not supported; Winnow reads LORA, PREFIX_TUNING and PROMPT_TUNING", "peft_type");
        }
    }

    /// <summary>The backbone's pre-trained encoder with the adapter of <paramref name="dir"/> applied and loaded, in eval mode.</summary>
    public static EncoderOnly LoadEncoder(string dir, IBackbone backbone)
    {
        var method = MethodRegistry.Create(ReadOptions(dir)).ForLoading();
        var model = new EncoderOnly(backbone.Pretrained());
        method.Apply(model);
        method.Load(dir, model);
        model.eval();
        return model;
    }

    private static int VirtualTokens(string path, JsonObject root) =>
        root["num_virtual_tokens"]?.GetValue<int>() is { } n && n > 0 ? n : throw new InputException(path, 0, "missing or not positive", "num_virtual_tokens");
}
