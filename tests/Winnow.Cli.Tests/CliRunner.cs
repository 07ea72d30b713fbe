using System.CommandLine;
using System.Text.Json;
using Winnow.Cli;

namespace Winnow.Cli.Tests;

/// <summary>What one in-process run of <c>winnow</c> printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Err)
{
    /// <summary>Standard output parsed as JSON (for <c>--json</c> runs).</summary>
    public JsonElement Json()
    {
        using var doc = JsonDocument.Parse(Out);
        return doc.RootElement.Clone();
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";
}

/// <summary>
/// Runs the <c>winnow</c> command line in this process, as <c>Program.Main</c> does, with standard output and
/// error captured. Console redirection (and the working directory) are process-global, so runs are
/// serialised by a lock, and test classes that use this belong to the <see cref="CliCollection"/> so xunit
/// does not run them in parallel with each other.
/// </summary>
public static class CliRunner
{
    private static readonly Lock Gate = new();

    public static CliResult Run(params string[] args) => RunIn(null, args);

    /// <summary>Runs <c>Program.Main</c> itself (its handling of parse errors and of no arguments).</summary>
    public static CliResult RunMain(params string[] args)
    {
        lock (Gate)
        {
            var (oldOut, oldErr) = (Console.Out, Console.Error);
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            Console.SetOut(stdout);
            Console.SetError(stderr);
            // Spectre's AnsiConsole keeps the writer it first saw: point it at this run's, not an earlier (closed) one.
            Spectre.Console.AnsiConsole.Console = Spectre.Console.AnsiConsole.Create(
                new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(stdout) });
            try { return new CliResult(Program.Main(args), stdout.ToString(), stderr.ToString()); }
            finally { Console.SetOut(oldOut); Console.SetError(oldErr); }
        }
    }

    /// <summary>Runs with <paramref name="workingDirectory"/> as the current directory (null: leave it).</summary>
    public static CliResult RunIn(string? workingDirectory, params string[] args)
    {
        lock (Gate)
        {
            var (oldOut, oldErr, oldDir) = (Console.Out, Console.Error, Directory.GetCurrentDirectory());
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            Console.SetOut(stdout);
            Console.SetError(stderr);
            // Spectre's AnsiConsole keeps the writer it first saw: point it at this run's, not an earlier (closed) one.
            Spectre.Console.AnsiConsole.Console = Spectre.Console.AnsiConsole.Create(
                new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(stdout) });
            try
            {
                if (workingDirectory is not null) Directory.SetCurrentDirectory(workingDirectory);
                var config = new InvocationConfiguration { Output = stdout, Error = stderr };
                var code = Program.BuildRoot().Parse(args).Invoke(config);
                return new CliResult(code, stdout.ToString(), stderr.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldErr);
                Directory.SetCurrentDirectory(oldDir);
            }
        }
    }
}

/// <summary>The xunit collection of every test that runs the command line in-process: never in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    public const string Name = "cli";
}
