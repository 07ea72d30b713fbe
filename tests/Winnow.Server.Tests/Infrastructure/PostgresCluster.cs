using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Winnow.Server.Tests.Infrastructure;

/// <summary>
/// A private PostgreSQL cluster for the tests: initdb into a temporary folder, pg_ctl on a free loopback
/// port, one database per test; stopped when the test process exits. As root, the server runs as the
/// <c>postgres</c> user (runuser), since PostgreSQL refuses to run as root. If it cannot start, the tests
/// that need it fail: nothing is skipped silently.
/// </summary>
internal sealed class PostgresCluster
{
    private static readonly Lazy<PostgresCluster> s_shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly string _folder;
    private readonly string _bin;
    private readonly int _port;
    private readonly bool _asPostgresUser;

    private PostgresCluster(string folder, string bin, int port, bool asPostgresUser)
    {
        _folder = folder;
        _bin = bin;
        _port = port;
        _asPostgresUser = asPostgresUser;
    }

    public static PostgresCluster Shared => s_shared.Value;

    /// <summary>A new, empty database, as a <c>postgres://</c> URL for <c>--db</c>.</summary>
    public string NewDatabase()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        using var c = new NpgsqlConnection($"Host=127.0.0.1;Port={_port};Username=winnow;Database=postgres;Pooling=false");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"CREATE DATABASE {name}";
        cmd.ExecuteNonQuery();
        return $"postgres://winnow@127.0.0.1:{_port}/{name}";
    }

    private static PostgresCluster Start()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null) throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/pg_ctl); run scripts/setup.sh");
        var asPostgres = Environment.UserName == "root";
        var folder = Directory.CreateTempSubdirectory("winnow-pg-").FullName;
        if (asPostgres) Run("chown", ["-R", "postgres", folder], false, null);
        var port = FreePort();
        var cluster = new PostgresCluster(folder, bin, port, asPostgres);
        cluster.Pg("initdb", ["-D", Path.Combine(folder, "data"), "-A", "trust", "-U", "winnow", "-E", "UTF8", "--no-sync"]);
        cluster.Pg("pg_ctl", ["-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200", "start"]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return cluster;
    }

    private void Stop()
    {
        try
        {
            Pg("pg_ctl", ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private void Pg(string tool, string[] args) => Run(Path.Combine(_bin, tool), args, _asPostgresUser, _folder);

    private static void Run(string file, string[] args, bool asPostgres, string? log)
    {
        var psi = new ProcessStartInfo(asPostgres ? "runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asPostgres) foreach (var a in new[] { "-u", "postgres", "--", file }) psi.ArgumentList.Add(a);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(true); throw new TimeoutException($"{file} did not finish"); }
        if (p.ExitCode != 0)
        {
            var serverLog = log is not null && File.Exists(Path.Combine(log, "log")) ? File.ReadAllText(Path.Combine(log, "log")) : "";
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Result}{stdout.Result}{serverLog}");
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
