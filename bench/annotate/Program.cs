// The labelling app under load, through its JSON API, as `winnow annotate serve` runs it (a separate process):
//   dotnet run --project bench/annotate -c Release -- --db labels.db|postgres://… --winnow path/to/winnow.dll
//     [--annotators 20] [--seconds 120] [--items 20000] [--k 2] [--kill-at SECONDS]
// Seeds a fresh project, starts the server, lets N annotators label (next → annotate with an Idempotency-Key,
// 10% retried, 5% skipped) for the given time, stops the server (or kills it mid-load and restarts it), then
// checks the store: every acknowledged label is stored once, none twice, no item above k. Prints one JSON line.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Winnow.Server.Store;

var opts = Args.Parse(args);
var store = await LabelStore.OpenAsync(opts.Db);
var project = await store.UpsertProjectAsync("bench-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture), ProjectKinds.Label,
    ["card_arrival", "card_lost", "refund_not_showing_up", "exchange_rate"], opts.K, 0);
var random = new Random(42);
await store.AddItemsAsync(project, Enumerable.Range(0, opts.Items).Select(i => new NewItem($"r{i}", $"bench text {i}", "{}", null,
    [new Suggestion("card_lost", Math.Round(random.NextDouble(), 3), "model")])), batchSize: 2000);
var tokens = new List<string>();
for (var i = 0; i < opts.Annotators; i++) tokens.Add((await store.AddAnnotatorAsync($"{project.Name}-w{i}", Roles.Annotator)).Token);

var server = Serve.Start(opts.Winnow, opts.Db);
var latencies = new System.Collections.Concurrent.ConcurrentBag<(string Kind, double Ms)>();
var acked = new System.Collections.Concurrent.ConcurrentBag<long>();
var errors = 0;
var countedTwice = 0;
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(opts.Seconds));
var clock = Stopwatch.StartNew();
var killed = false;
var workers = tokens.Select((token, w) => Task.Run(async () =>
{
    var rnd = new Random(w);
    while (!stop.IsCancellationRequested)
    {
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var t = Stopwatch.GetTimestamp();
                var next = await http.GetAsync("/api/next?project=" + Uri.EscapeDataString(project.Name));
                latencies.Add(("next", Stopwatch.GetElapsedTime(t).TotalMilliseconds));
                if (next.StatusCode == HttpStatusCode.NoContent) return;
                next.EnsureSuccessStatusCode();
                var item = (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
                if (rnd.NextDouble() < 0.05)
                {
                    t = Stopwatch.GetTimestamp();
                    (await http.PostAsync($"/api/items/{item}/skip", null)).EnsureSuccessStatusCode();
                    latencies.Add(("skip", Stopwatch.GetElapsedTime(t).TotalMilliseconds));
                    continue;
                }
                var key = Guid.NewGuid().ToString("N");
                var tries = rnd.NextDouble() < 0.1 ? 2 : 1;
                long first = 0;
                for (var i = 0; i < tries; i++)
                {
                    using var req = new HttpRequestMessage(HttpMethod.Post, $"/api/items/{item}/annotations")
                    {
                        Content = JsonContent.Create(new { label = "card_lost", seconds = 1.0 }),
                    };
                    req.Headers.Add("Idempotency-Key", key);
                    t = Stopwatch.GetTimestamp();
                    var r = await http.SendAsync(req);
                    latencies.Add(("annotate", Stopwatch.GetElapsedTime(t).TotalMilliseconds));
                    r.EnsureSuccessStatusCode();
                    var id = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
                    if (i == 0) { acked.Add(id); first = id; }
                    else if (id != first) Interlocked.Increment(ref countedTwice); // a retry must return the first answer
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Interlocked.Increment(ref errors);
            await Task.Delay(200); // the server is down (killed): try again until it is back
        }
    }
})).ToList();

if (opts.KillAt is { } killAt)
{
    await Task.Delay(TimeSpan.FromSeconds(killAt));
    server.Kill();
    killed = true;
    server = Serve.Start(opts.Winnow, opts.Db, server.Address.Port);
}
await Task.WhenAll(workers);
var seconds = clock.Elapsed.TotalSeconds;
server.Kill();

var stored = await store.ActiveAnnotationIdsAsync(project);
var (count, over, duplicates) = await store.InvariantsAsync(project);
var ackedSet = acked.ToHashSet();
double P(string kind, double q)
{
    var xs = latencies.Where(l => kind == "all" || l.Kind == kind).Select(l => l.Ms).Order().ToArray();
    return xs.Length == 0 ? 0 : Math.Round(xs[Math.Min(xs.Length - 1, (int)Math.Ceiling(q * xs.Length) - 1)], 1);
}
Console.WriteLine(JsonSerializer.Serialize(new
{
    store = store.Location.IsPostgres ? "postgres" : "sqlite",
    annotators = opts.Annotators,
    seconds = Math.Round(seconds, 1),
    requests = latencies.Count,
    requests_per_second = Math.Round(latencies.Count / seconds, 1),
    acknowledged = ackedSet.Count,
    stored = count,
    lost = ackedSet.Count(id => !stored.Contains(id)),
    retries_counted_twice = countedTwice,
    duplicate_active = duplicates,
    items_above_k = over,
    killed,
    connection_errors = errors,
    p50_ms = P("all", 0.5), p95_ms = P("all", 0.95), p99_ms = P("all", 0.99),
    p95_next_ms = P("next", 0.95), p95_annotate_ms = P("annotate", 0.95),
}));
return ackedSet.Count(id => !stored.Contains(id)) == 0 && over == 0 && duplicates == 0 && countedTwice == 0 ? 0 : 1;

internal sealed record Args(string Db, string Winnow, int Annotators, int Seconds, int Items, int K, int? KillAt)
{
    public static Args Parse(string[] a)
    {
        string? Get(string name) => Array.IndexOf(a, name) is var i and >= 0 && i + 1 < a.Length ? a[i + 1] : null;
        int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Args(Get("--db") ?? throw new ArgumentException("--db is required"), Get("--winnow") ?? throw new ArgumentException("--winnow PATH/winnow.dll is required"),
            Int("--annotators", 20), Int("--seconds", 120), Int("--items", 20000), Int("--k", 2), Get("--kill-at") is { } k ? int.Parse(k, CultureInfo.InvariantCulture) : null);
    }
}

internal sealed partial class Serve(Process process, Uri address)
{
    public Uri Address { get; } = address;

    public static Serve Start(string winnow, string db, int port = 0)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { winnow, "annotate", "serve", "--db", db, "--port", port.ToString(CultureInfo.InvariantCulture) }) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        var ready = new TaskCompletionSource<Uri>();
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) ready.TrySetException(new InvalidOperationException("serve exited"));
            else if (Serving().Match(e.Data) is { Success: true } m) ready.TrySetResult(new Uri(m.Groups[1].Value));
        };
        p.BeginErrorReadLine();
        p.BeginOutputReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(120))) throw new TimeoutException("serve did not start");
        return new Serve(p, ready.Task.Result);
    }

    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    [GeneratedRegex(@"serving .* on (http://\S+)")]
    private static partial Regex Serving();
}
