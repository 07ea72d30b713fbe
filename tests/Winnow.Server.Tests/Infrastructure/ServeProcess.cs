using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Winnow.Server.Tests.Infrastructure;

/// <summary><c>winnow annotate serve</c> as a separate process (so a test can kill it), on a free port.</summary>
internal sealed partial class ServeProcess : IDisposable
{
    private readonly Process _process;

    private ServeProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static ServeProcess Start(string db)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { WinnowDll(), "annotate", "serve", "--db", db, "--port", "0" }) psi.ArgumentList.Add(a);
        var process = Process.Start(psi)!;
        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) { address.TrySetException(new InvalidOperationException("serve exited: " + log)); return; }
            log.AppendLine(e.Data);
            if (Serving().Match(e.Data) is { Success: true } m) address.TrySetResult(new Uri(m.Groups[1].Value));
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        if (!address.Task.Wait(TimeSpan.FromSeconds(90))) { process.Kill(true); throw new TimeoutException("serve did not start in 90 s: " + log); }
        return new ServeProcess(process, address.Task.Result);
    }

    /// <summary>SIGKILL: no shutdown, no flushing; whatever the store had not committed is gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }

    private static string WinnowDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Winnow.sln"))) dir = dir.Parent;
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("no Winnow.sln above the tests"), "src", "Winnow.Cli", "bin", configuration, "net10.0", "winnow.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution first");
    }

    [GeneratedRegex(@"serving .* on (http://\S+)")]
    private static partial Regex Serving();
}
