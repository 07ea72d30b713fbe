using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Winnow.Core;
using Winnow.Server;
using Winnow.Server.Store;

namespace Winnow.Cli.Commands.Annotate;

/// <summary>
/// <c>winnow annotate serve [--db DB] [--port 5080] [--host 127.0.0.1] [--keys DIR] [--secure-cookies]
/// [--signin-per-minute 10]</c>: the labelling web app until Ctrl+C.
/// </summary>
internal static class AnnotateServeCommand
{
    public static Command Create()
    {
        var db = AnnotateCommand.DbOption();
        var port = new Option<int>("--port") { Description = "Port (default 5080; 0 picks a free one).", DefaultValueFactory = _ => 5080 };
        var host = new Option<string>("--host")
        {
            Description = "Address to listen on (default 127.0.0.1; 0.0.0.0 for a team, behind a TLS proxy).",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var keys = new Option<string?>("--keys")
        {
            Description = "Folder for the sign-in cookie keys, so sessions survive a restart (default: next to a SQLite store; in memory for PostgreSQL).",
        };
        var secure = new Option<bool>("--secure-cookies") { Description = "Send cookies over HTTPS only (set this behind a TLS proxy)." };
        var signIn = new Option<int>("--signin-per-minute")
        {
            Description = "Sign-in attempts per client address per minute (default 10).",
            DefaultValueFactory = _ => 10,
        };
        var command = new Command("serve", "Run the labelling web app (JSON API and pages) over a label store.") { db, port, host, keys, secure, signIn };
        command.SetAction((parse, ct) => Task.FromResult(CommandGuard.Run(() =>
        {
            if (parse.GetValue(port) is < 0 or > 65535) throw new WinnowException("--port must be 0…65535", 2);
            if (parse.GetValue(signIn) < 1) throw new WinnowException("--signin-per-minute must be at least 1", 2);
            var store = LabelStore.OpenAsync(parse.GetValue(db)!).GetAwaiter().GetResult();
            var keysFolder = parse.GetValue(keys)
                ?? (store.Location.IsPostgres ? null : Path.Combine(Path.GetDirectoryName(store.Location.ConnectionString)!, Path.GetFileName(store.Location.ConnectionString) + ".keys"));
            var options = new ServerOptions
            {
                Host = parse.GetValue(host)!,
                Port = parse.GetValue(port),
                SecureCookies = parse.GetValue(secure),
                SignInPerMinute = parse.GetValue(signIn),
                KeysFolder = keysFolder,
                Agreement = ServerWiring.Agreement,
            };
            var app = AnnotationServer.Build(store, options);
            try
            {
                app.StartAsync(ct).GetAwaiter().GetResult();
            }
            catch (IOException e)
            {
                throw new WinnowException($"cannot listen on {options.Host}:{options.Port}: {e.Message}", 1, e);
            }
            var people = store.AnnotatorsAsync().GetAwaiter().GetResult();
            Console.Error.WriteLine($"serving {store.Location.Display} on {AnnotationServer.Address(app)} (Ctrl+C stops)");
            if (!people.Any(p => p.Role == Roles.Admin && p.Active))
                Console.Error.WriteLine("no admin yet: winnow annotate users add NAME --role admin --db …");
            Console.Out.Flush();
            app.WaitForShutdownAsync(ct).GetAwaiter().GetResult();
            return 0;
        })));
        return command;
    }
}
