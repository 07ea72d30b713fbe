using System.CommandLine;
using System.Text.Json;
using Winnow.Cli.Compare;
using Winnow.Compare.Running;
using Winnow.Core;

namespace Winnow.Cli.Commands;

/// <summary>
/// <c>winnow compare-run RUN/request.json</c> (hidden): one run of a comparison, in a process of its own. Started by
/// <c>winnow compare</c> (<see cref="ProcessRunTrainer"/>); writes <c>RUN/outcome.json</c> and exits 0, or prints the
/// error and exits non-zero.
/// </summary>
internal static class CompareRunCommand
{
    public static Command Create()
    {
        var request = new Argument<FileInfo>("request") { Description = "The run's request (JSON), written by winnow compare." };
        var stopOnEof = new Option<bool>("--stop-on-eof") { Description = "Stop (as Ctrl+C would) when standard input closes: winnow compare holds it open while it lives." };
        var command = new Command("compare-run", "One run of a comparison in a process of its own (started by winnow compare).") { request, stopOnEof };
        command.Hidden = true;
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            var path = parse.GetValue(request)!.FullName;
            if (!File.Exists(path)) throw new WinnowException($"{path}: no such file", 2);
            RunRequest r;
            try
            {
                r = JsonSerializer.Deserialize<RunRequest>(File.ReadAllText(path), RunStore.Json)
                    ?? throw new WinnowException($"{path}: empty request", 2);
            }
            catch (JsonException e)
            {
                throw new WinnowException($"{path}:{(e.LineNumber ?? 0) + 1}: not a run request: {e.Message}", 2);
            }
            using var cts = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
            if (parse.GetValue(stopOnEof)) StopWhenInputCloses(cts);
            Console.Out.WriteLine($"    in process {Environment.ProcessId}");
            var outcome = new TuningRunTrainer().Train(r, Console.Out, cts.Token);
            var target = Path.Combine(r.Folder, ProcessRunTrainer.OutcomeFile);
            File.WriteAllText(target + ".tmp", JsonSerializer.Serialize(outcome, RunStore.Json));
            File.Move(target + ".tmp", target, overwrite: true);
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// winnow compare holds this process's standard input open and writes nothing to it: end of input means it is gone
    /// (killed, not cancelled). Then stop as Ctrl+C would, and exit regardless after 10 s.
    /// </summary>
    private static void StopWhenInputCloses(CancellationTokenSource cts)
    {
        var watcher = new Thread(() =>
        {
            try
            {
                while (Console.In.Read() >= 0) { }
            }
            catch (IOException)
            {
            }
            try
            {
                cts.Cancel();
            }
            catch (ObjectDisposedException)
            {
                return; // the run has just finished
            }
            Thread.Sleep(TimeSpan.FromSeconds(10));
            Environment.Exit(130);
        }) { IsBackground = true, Name = "parent watch" };
        watcher.Start();
    }
}
