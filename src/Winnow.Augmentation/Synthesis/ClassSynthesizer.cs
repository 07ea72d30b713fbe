using System.Collections.Immutable;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;
using Microsoft.Extensions.AI;
using Winnow.Augmentation.Structured;
using Winnow.Augmentation.Text;
using Winnow.Core.Records;
using Winnow.Core.Text;

namespace Winnow.Augmentation.Synthesis;

/// <summary>What class-targeted synthesis did for one class.</summary>
public sealed record ClassSynthesisReport(string Label, int Real, int Quota, int Made, int Requests, IReadOnlyDictionary<string, int> Rejected);

/// <summary>Synthetic records, what was rejected (with reasons), and a report per class.</summary>
public sealed record SynthesisResult(ImmutableArray<Record> Created, ImmutableArray<RejectedVariant> Rejected, IReadOnlyList<ClassSynthesisReport> Classes);

/// <summary>
/// Class-targeted synthesis: for each class under its target, few-shot prompts built from real examples of that
/// class ask a chat model for new texts as <c>{"texts": [...]}</c>, until the class reaches its quota
/// (<see cref="ClassSynthesisOptions.Quota"/>: the target, capped by the synthetic share) or its request budget. New
/// texts equal to a real record or to an earlier synthetic one (case and spacing ignored) are rejected
/// (<c>duplicate_of_real</c>, <c>duplicate_synthetic</c>); invalid answers too (<c>invalid_output</c>). Requests of
/// a round go out together and are read in order, so the result depends only on the answers. Synthetic records carry
/// <c>meta.synthetic: true</c> and name their prompt in provenance (<c>synthesize.class from prompt &lt;hash&gt;</c>).
/// </summary>
public sealed class ClassSynthesizer(IChatClient client, ClassSynthesisOptions options)
{
    public const string StepName = "synthesize.class";

    public async Task<SynthesisResult> SynthesizeAsync(IReadOnlyList<Record> real, CancellationToken cancellationToken = default)
    {
        var byClass = real.Where(r => r.Label is not null).GroupBy(r => r.Label!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var target = options.TargetPerClass ?? (byClass.Count == 0 ? 0 : byClass.Values.Max(l => l.Count));
        var realTexts = new HashSet<string>(real.Select(r => TextKey.Folded(r.ContentText)), StringComparer.Ordinal);
        var seen = new HashSet<string>(realTexts, StringComparer.Ordinal);
        var created = ImmutableArray.CreateBuilder<Record>();
        var rejected = ImmutableArray.CreateBuilder<RejectedVariant>();
        var reports = new List<ClassSynthesisReport>();
        foreach (var label in byClass.Keys.Order(StringComparer.Ordinal))
        {
            if (options.Labels is { } only && !only.Contains(label)) continue;
            var examples = byClass[label];
            var quota = options.Quota(examples.Count, target);
            if (quota == 0) continue;
            var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
            var made = 0;
            var requests = 0;
            while (made < quota && requests < options.MaxRequestsPerClass)
            {
                var round = Math.Min((quota - made + options.PerRequest - 1) / options.PerRequest, options.MaxRequestsPerClass - requests);
                var answers = await Task.WhenAll(Enumerable.Range(requests, round).Select(i => AskAsync(label, examples, byClass.Keys, i, cancellationToken)));
                requests += round;
                foreach (var (prompt, answer) in answers)
                {
                    var hash = RequestSeeds.PromptHash(prompt);
                    if (!answer.IsValid)
                    {
                        Count(reasons, "invalid_output");
                        rejected.Add(new RejectedVariant(Synthetic(label, answer.LastAnswer, hash, $"invalid{rejected.Count}"), "invalid_output", answer.Problem));
                        continue;
                    }
                    foreach (var text in answer.Value!)
                    {
                        if (made == quota) break;
                        var normal = TextKey.Folded(text);
                        var record = Synthetic(label, text, hash, (made + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                        if (!seen.Add(normal))
                        {
                            var reason = realTexts.Contains(normal) ? "duplicate_of_real" : "duplicate_synthetic";
                            Count(reasons, reason);
                            rejected.Add(new RejectedVariant(record with { Id = $"{record.Id}-dup{rejected.Count}" }, reason));
                            continue;
                        }
                        created.Add(record);
                        made++;
                    }
                }
            }
            reports.Add(new ClassSynthesisReport(label, examples.Count, quota, made, requests, reasons));
        }
        return new SynthesisResult(created.ToImmutable(), rejected.ToImmutable(), reports);
    }

    private async Task<(string Prompt, StructuredAnswer<List<string>> Answer)> AskAsync(
        string label, List<Record> examples, IEnumerable<string> labels, int request, CancellationToken cancellationToken)
    {
        var random = RecordRandom.For(options.Seed, label, request);
        var order = Enumerable.Range(0, examples.Count).ToArray();
        random.Shuffle(order.AsSpan());
        var shots = order.Take(options.Shots).Select(i => examples[i].ContentText).ToList();
        var others = labels.Where(l => l != label).Order(StringComparer.Ordinal).Take(30).ToList();
        var prompt =
            $"Here are examples of texts of the class \"{label}\":\n" + string.Concat(shots.Select(s => $"- {OneLine(s)}\n")) +
            (others.Count > 0 ? $"Other classes in the dataset, which the new texts must not belong to: {string.Join(", ", others)}.\n" : "") +
            $"Write {options.PerRequest} new texts of the class \"{label}\". Vary wording, length and details as real users would; " +
            $"do not copy or lightly edit the examples.\nAnswer as {{\"texts\": [{options.PerRequest} strings]}}.";
        var chatOptions = new ChatOptions
        {
            Seed = RequestSeeds.For(options.Seed, $"{label}\u001f{request}"),
            Temperature = options.Temperature is { } t ? (float)t : null,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(StructuredChat.StringListSchema("texts", options.PerRequest), "texts"),
        };
        var answer = await new StructuredChat(client, options.MaxAttempts).AskAsync(
            [new ChatMessage(ChatRole.User, prompt)], chatOptions, root => StructuredChat.ReadStrings(root, "texts"), cancellationToken);
        return (prompt, answer);
    }

    private static Record Synthetic(string label, string text, string promptHash, string number) => new()
    {
        Id = $"synth~{label}~{number}",
        Text = text,
        Label = label,
        Meta = Meta.Empty.Set(Variants.Synthetic, Meta.JsonValue(true)).Set("synthetic_prompt", promptHash),
        Provenance = Provenance.None.With($"{StepName} from prompt {promptHash}"),
    };

    private static void Count(Dictionary<string, int> counts, string reason) => counts[reason] = counts.GetValueOrDefault(reason) + 1;


    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
