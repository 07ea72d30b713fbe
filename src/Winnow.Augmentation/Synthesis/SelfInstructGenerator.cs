using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Winnow.Augmentation.Structured;
using Winnow.Augmentation.Text;
using Winnow.Core.Records;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Winnow.Augmentation.Synthesis;

/// <summary>
/// Self-Instruct (Wang et al. 2023) with a chat model: each request shows 8 tasks from the pool (6 human seed tasks
/// and 2 machine-generated ones once there are some) and asks for new tasks as JSON (instruction, input, output: the
/// paper's two stages in one request). A new instruction is dropped when it is too short or long, names something a
/// text model cannot do (<c>blocked_keyword</c>), starts with punctuation or a non-English letter, or when its ROUGE-L
/// with any instruction already in the pool exceeds 0.7 (<c>rouge_too_similar</c>); kept ones join the pool.
/// Requests go out in rounds and are read in order, so the pool grows the same way in every run (with the cache, the
/// same bytes). Records are prompt (instruction, then the input after a blank line) and completion (output),
/// <c>meta.synthetic: true</c>, provenance <c>synthesize.self_instruct from prompt &lt;hash&gt;</c>.
/// </summary>
public sealed class SelfInstructGenerator(IChatClient client, SelfInstructOptions options, IReadOnlyList<SeedTask> seeds)
{
    public const string StepName = "synthesize.self_instruct";

    private sealed record PoolEntry(SeedTask Task, string[] Tokens);

    public async Task<SynthesisResult> GenerateAsync(CancellationToken cancellationToken = default)
    {
        var pool = seeds.Select(s => new PoolEntry(s, RougeL.Tokens(s.Instruction))).ToList();
        var machine = new List<PoolEntry>();
        var created = ImmutableArray.CreateBuilder<Record>();
        var rejected = ImmutableArray.CreateBuilder<RejectedVariant>();
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        var budget = options.MaxRequests ?? (options.Count + options.PerRequest - 1) / options.PerRequest * 4;
        var requests = 0;
        while (created.Count < options.Count && requests < budget)
        {
            var needed = (options.Count - created.Count + options.PerRequest - 1) / options.PerRequest;
            var round = Math.Min(Math.Min(options.RequestsPerRound, needed), budget - requests);
            var answers = await Task.WhenAll(Enumerable.Range(requests, round).Select(i => AskAsync(i, machine, cancellationToken)));
            requests += round;
            foreach (var (prompt, answer) in answers)
            {
                var hash = RequestSeeds.PromptHash(prompt);
                if (!answer.IsValid)
                {
                    Reject(Record(new SeedTask(answer.LastAnswer, "", ""), hash, $"invalid{rejected.Count}"), "invalid_output", answer.Problem);
                    continue;
                }
                foreach (var task in answer.Value!)
                {
                    if (created.Count == options.Count) break;
                    var record = Record(task, hash, (created.Count + 1).ToString(CultureInfo.InvariantCulture));
                    if (Filter(task.Instruction) is { } reason)
                    {
                        Reject(record with { Id = $"{record.Id}-x{rejected.Count}" }, reason.Reason, reason.Detail);
                        continue;
                    }
                    var tokens = RougeL.Tokens(task.Instruction);
                    var (best, closest) = pool.Select(p => (Score: RougeL.F(tokens, p.Tokens), p.Task.Instruction)).MaxBy(x => x.Score);
                    if (best > options.MaxRougeL)
                    {
                        Reject(record with { Id = $"{record.Id}-x{rejected.Count}" }, "rouge_too_similar", $"ROUGE-L {best:0.000} > {options.MaxRougeL} with \"{closest}\"");
                        continue;
                    }
                    var entry = new PoolEntry(task, tokens);
                    pool.Add(entry);
                    machine.Add(entry);
                    created.Add(record);
                }
            }
        }
        var report = new ClassSynthesisReport("(self-instruct)", seeds.Count, options.Count, created.Count, requests, reasons);
        return new SynthesisResult(created.ToImmutable(), rejected.ToImmutable(), [report]);

        void Reject(Record record, string reason, string? detail)
        {
            reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            rejected.Add(new RejectedVariant(record, reason, detail));
        }
    }

    /// <summary>Self-Instruct's heuristic filters; null when the instruction passes.</summary>
    internal (string Reason, string Detail)? Filter(string instruction)
    {
        var words = instruction.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        if (words < options.MinWords) return ("too_short", $"{words} words < {options.MinWords}");
        if (words > options.MaxWords) return ("too_long", $"{words} words > {options.MaxWords}");
        foreach (var word in options.BlockedWords)
            if (Regex.IsMatch(instruction, $@"\b{Regex.Escape(word)}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
                return ("blocked_keyword", word);
        var first = instruction.TrimStart()[0];
        if (char.IsPunctuation(first) || char.IsSymbol(first)) return ("starts_with_punctuation", first.ToString());
        if (!char.IsAscii(first)) return ("non_english_start", first.ToString());
        return null;
    }

    private async Task<(string Prompt, StructuredAnswer<List<SeedTask>> Answer)> AskAsync(int request, List<PoolEntry> machine, CancellationToken cancellationToken)
    {
        var random = RecordRandom.For(options.Seed, "self-instruct", request);
        var fromMachine = Math.Min(options.MachineTasksInPrompt, machine.Count);
        var shown = Sample(machine.Select(m => m.Task).ToList(), fromMachine, ref random)
            .Concat(Sample(seeds, options.PromptTasks - fromMachine, ref random)).ToList();
        var prompt = new StringBuilder("Come up with new tasks for training an assistant. Here are examples of tasks:\n");
        for (var i = 0; i < shown.Count; i++)
        {
            prompt.Append(CultureInfo.InvariantCulture, $"{i + 1}. Instruction: {OneLine(shown[i].Instruction)}\n");
            if (shown[i].Input.Length > 0) prompt.Append(CultureInfo.InvariantCulture, $"   Input: {OneLine(shown[i].Input)}\n");
            prompt.Append(CultureInfo.InvariantCulture, $"   Output: {OneLine(shown[i].Output)}\n");
        }
        prompt.Append(CultureInfo.InvariantCulture, $"Write {options.PerRequest} new tasks, different from these and from each other: vary the verbs and the kind of task ")
            .Append("(open questions, classification, rewriting, reasoning, advice). A task may work on an input text, or have none (an empty input). ")
            .Append("Each needs a correct, complete output. A text-only assistant must be able to do it.\n")
            .Append("Answer as {\"tasks\": [{\"instruction\": string, \"input\": string, \"output\": string}, …]}.");
        var text = prompt.ToString();
        var chatOptions = new ChatOptions
        {
            Seed = RequestSeeds.For(options.Seed, $"self-instruct\u001f{request}"),
            Temperature = options.Temperature is { } t ? (float)t : null,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(TaskSchema, "tasks"),
        };
        var answer = await new StructuredChat(client, options.MaxAttempts).AskAsync(
            [new ChatMessage(ChatRole.User, text)], chatOptions, ReadTasks, cancellationToken);
        return (text, answer);
    }

    private static readonly JsonElement TaskSchema = JsonDocument.Parse(
        """{"type":"object","properties":{"tasks":{"type":"array","items":{"type":"object","properties":{"instruction":{"type":"string"},"input":{"type":"string"},"output":{"type":"string"}},"required":["instruction","input","output"],"additionalProperties":false}}},"required":["tasks"],"additionalProperties":false}""").RootElement.Clone();

    private static (List<SeedTask>?, string?) ReadTasks(JsonElement root)
    {
        if (!root.TryGetProperty("tasks", out var tasks) || tasks.ValueKind != JsonValueKind.Array) return (null, "it has no \"tasks\" array");
        var list = new List<SeedTask>();
        foreach (var t in tasks.EnumerateArray())
        {
            if (t.ValueKind != JsonValueKind.Object) return (null, "a task is not an object");
            string? Get(string name) => t.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()!.Trim() : null;
            var (instruction, input, output) = (Get("instruction"), Get("input") ?? "", Get("output"));
            if (string.IsNullOrEmpty(instruction)) return (null, "a task has no instruction");
            if (string.IsNullOrEmpty(output)) return (null, "a task has no output");
            list.Add(new SeedTask(instruction, input, output));
        }
        return list.Count == 0 ? (null, "\"tasks\" is empty") : (list, null);
    }

    private static List<SeedTask> Sample(IReadOnlyList<SeedTask> from, int n, ref RecordRandom random)
    {
        var order = Enumerable.Range(0, from.Count).ToArray();
        random.Shuffle(order.AsSpan());
        return order.Take(Math.Min(n, from.Count)).Select(i => from[i]).ToList();
    }

    private static Record Record(SeedTask task, string promptHash, string number) => new()
    {
        Id = $"self-instruct~{number}",
        Prompt = task.Input.Length > 0 ? $"{task.Instruction}\n\n{task.Input}" : task.Instruction,
        Completion = task.Output,
        Meta = Meta.Empty.Set(Variants.Synthetic, Meta.JsonValue(true)).Set("synthetic_prompt", promptHash),
        Provenance = Provenance.None.With($"{StepName} from prompt {promptHash}"),
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
