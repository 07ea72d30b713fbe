using System.Collections.Immutable;
using Microsoft.Extensions.AI;
using Winnow.Augmentation.Structured;
using Winnow.Core.Records;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Winnow.Augmentation.Translation;

/// <summary>
/// <c>augment.backtranslate</c> with <c>engine: chat</c>: per variant, one request translates the text into the pivot
/// language and a second translates that back (each seeded by the record's id and the copy, so a rerun asks the same
/// questions and hits the cache). A round trip equal to the source is rejected as <c>no_change</c>, an empty answer as
/// <c>invalid_output</c>. The variant's <c>meta.pivot</c> holds the translation it went through.
/// </summary>
public sealed class ChatBackTranslator(IChatClient client, BacktranslateOptions options)
{
    private const string System = "You are a professional translator. Translate faithfully, keeping meaning, names and numbers. Answer with the translation only.";

    private static readonly Dictionary<string, string> Languages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["eng"] = "English", ["spa"] = "Spanish", ["cat"] = "Catalan", ["glg"] = "Galician", ["fra"] = "French", ["deu"] = "German",
        ["ita"] = "Italian", ["por"] = "Portuguese", ["epo"] = "Esperanto", ["nld"] = "Dutch", ["rus"] = "Russian", ["zho"] = "Chinese",
    };

    public async Task<IReadOnlyList<AugmentResult>> AugmentAsync(IReadOnlyList<Record> batch, CancellationToken cancellationToken) =>
        await Task.WhenAll(batch.Select(r => AugmentAsync(r, cancellationToken)));

    private async Task<AugmentResult> AugmentAsync(Record record, CancellationToken cancellationToken)
    {
        var source = Variants.Source(record)!;
        var trips = await Task.WhenAll(Enumerable.Range(1, options.Copies).Select(k => RoundTripAsync(record.Id, k, source, cancellationToken)));
        var created = ImmutableArray.CreateBuilder<Record>();
        var rejected = ImmutableArray.CreateBuilder<RejectedVariant>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Normal(source) };
        for (var k = 0; k < trips.Length; k++)
        {
            var (back, pivot) = trips[k];
            var variant = Variants.Create(record, back, BackTranslator.StepName, "bt", k + 1);
            variant = variant with { Meta = variant.Meta.Set("pivot", pivot) };
            if (back.Length == 0 || pivot.Length == 0) rejected.Add(new RejectedVariant(variant, "invalid_output", "an empty translation"));
            else if (!seen.Add(Normal(back))) rejected.Add(new RejectedVariant(variant, "no_change", $"{Name(options.Via)} and back gave the source or an earlier copy"));
            else created.Add(variant);
        }
        return new AugmentResult(record, created.ToImmutable(), rejected.ToImmutable());
    }

    private async Task<(string Back, string Pivot)> RoundTripAsync(string id, int copy, string source, CancellationToken cancellationToken)
    {
        var seed = RequestSeeds.For(options.Seed, $"{id}#{copy}");
        var pivot = await TranslateAsync(source, options.From, options.Via, seed, cancellationToken);
        if (pivot.Length == 0) return ("", "");
        return (await TranslateAsync(pivot, options.Via, options.From, seed, cancellationToken), pivot);
    }

    private async Task<string> TranslateAsync(string text, string from, string to, long seed, CancellationToken cancellationToken)
    {
        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, System), new ChatMessage(ChatRole.User, $"Translate this {Name(from)} text into {Name(to)}:\n\n{text}")],
            new ChatOptions { Seed = seed, Temperature = options.Temperature is { } t ? (float)t : null },
            cancellationToken);
        return response.Text.Trim();
    }

    private static string Name(string code) => Languages.GetValueOrDefault(code, code);

    private static string Normal(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
