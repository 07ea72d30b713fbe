using System.CommandLine;
using System.Globalization;
using Winnow.Tuning.Backbones.MiniLm;

namespace Winnow.Cli.Commands;

/// <summary><c>winnow inspect embed --model minilm [--json] TEXT…</c>: sentence vectors from the rebuilt encoder.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var texts = new Argument<string[]>("text") { Description = "One or more texts.", Arity = ArgumentArity.OneOrMore };
        var model = new Option<string>("--model") { Description = "The encoder: minilm (all-MiniLM-L6-v2).", DefaultValueFactory = _ => "minilm" };
        var json = new Option<bool>("--json") { Description = "Print {\"text\":…,\"embedding\":[…]} per line." };
        var adapter = new Option<DirectoryInfo?>("--adapter") { Description = "A PEFT adapter folder (LORA, PREFIX_TUNING or PROMPT_TUNING; adapter_config.json + adapter_model.safetensors) applied to the encoder." };
        var embed = new Command("embed", "Print the L2-normalised mean-pooled embedding of each text.") { texts, model, json, adapter };
        embed.SetAction(parse => CommandGuard.Run(() =>
        {
            if (parse.GetValue(model) != "minilm") throw new Core.WinnowException($"--model '{parse.GetValue(model)}': the built-in encoder is minilm");
            var input = parse.GetValue(texts)!;
            using var embedder = parse.GetValue(adapter) is { } dir
                ? new MiniLmEmbedder(Winnow.Tuning.Methods.PeftAdapters.LoadEncoder(dir.FullName, Winnow.Tuning.Backbones.BackboneRegistry.Get("minilm")).Encoder)
                : new MiniLmEmbedder();
            var vectors = embedder.Embed(input);
            for (int i = 0; i < input.Length; i++)
            {
                if (parse.GetValue(json))
                    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { text = input[i], embedding = vectors[i] }));
                else
                    Console.WriteLine($"{input[i]}\t[{vectors[i].Length}] {string.Join(' ', vectors[i].Take(8).Select(v => v.ToString("F4", CultureInfo.InvariantCulture)))} …");
            }
            return 0;
        }));
        return new Command("inspect", "Look inside models.") { embed };
    }
}
