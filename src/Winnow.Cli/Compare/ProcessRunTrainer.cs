using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Winnow.Cli.Commands;
using Winnow.Compare.Running;
using Winnow.Core;

namespace Winnow.Cli.Compare;

/// <summary>
/// Runs each comparison run in a child <c>winnow</c> process (the hidden <c>compare-run</c> verb, which calls
/// <see cref="TuningRunTrainer"/>): a run's peak memory, warm-up and whatever its method leaves allocated are then its
/// own, as when a user trains that method alone, and not the sum of the runs before it in a shared process. The request
/// goes to the child as <c>RUN/request.json</c>, the outcome comes back as <c>RUN/outcome.json</c>; the child's progress
/// lines are relayed to the comparison's log, and its error (the first line it printed to standard error) fails the run.
/// </summary>
internal sealed class ProcessRunTrainer : IRunTrainer
{
    public const string RequestFile = "request.json";
    public const string OutcomeFile = "outcome.json";

    public IReadOnlyDictionary<string, MethodInfo> Methods => TuningRunTrainer.Catalog;

    public RunOutcome Train(RunRequest request, TextWriter log, CancellationToken cancel)
    {
        var requestPath = Path.Combine(request.Folder, RequestFile);
        var outcomePath = Path.Combine(request.Folder, OutcomeFile);
        File.WriteAllText(requestPath, JsonSerializer.Serialize(request, RunStore.Json));
        File.Delete(outcomePath);

        var (host, prefix) = Self();
        // Standard input stays open and unused while this process lives: the child stops when it closes (this process
        // killed), instead of training on as an orphan.
        var start = new ProcessStartInfo(host) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in prefix) start.ArgumentList.Add(a);
        start.ArgumentList.Add("compare-run");
        start.ArgumentList.Add(requestPath);
        start.ArgumentList.Add("--stop-on-eof");

        var errors = new StringBuilder();
        using var child = Process.Start(start) ?? throw new WinnowException($"could not start '{host}' for the run in {request.Folder}");
        child.OutputDataReceived += (_, e) => { if (e.Data is not null) log.WriteLine(e.Data); };
        child.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        // Cancelled (Ctrl+C, or the caller): the run is not resumable mid-way (the comparison resumes by run), so stop it now.
        using (cancel.Register(() => { try { child.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } }))
            child.WaitForExit();
        cancel.ThrowIfCancellationRequested();

        string err;
        lock (errors) err = errors.ToString();
        if (child.ExitCode != 0 || !File.Exists(outcomePath))
        {
            var errLog = Path.Combine(request.Folder, "stderr.log");
            File.WriteAllText(errLog, err);
            var first = err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            throw new WinnowException(first is null
                ? $"the run's process exited with code {child.ExitCode}{(child.ExitCode > 128 ? $" (signal {child.ExitCode - 128}{(child.ExitCode == 137 ? ": killed, perhaps out of memory" : "")})" : "")}"
                : first.StartsWith("error: ", StringComparison.Ordinal) ? first["error: ".Length..] : $"{first} (the run's process failed; {errLog})");
        }
        var outcome = JsonSerializer.Deserialize<RunOutcome>(File.ReadAllText(outcomePath), RunStore.Json)
            ?? throw new WinnowException($"{outcomePath}: empty outcome");
        // The comparison keeps the outcome in RUN/result.json and the run's recipe in RUN/train.yaml: these two were the hand-over.
        File.Delete(outcomePath);
        File.Delete(requestPath);
        return outcome;
    }

    /// <summary>How to start this same <c>winnow</c>: the shard tasks' command (<see cref="RunScaleOut.WinnowCommand"/>).</summary>
    internal static (string Host, string[] Prefix) Self()
    {
        var command = RunScaleOut.WinnowCommand();
        return (command[0], [.. command.Skip(1)]);
    }
}
