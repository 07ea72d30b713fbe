// The labelling app under load, through its JSON API, as `winnow annotate serve` runs it (a separate process):
//   dotnet run --project bench/annotate -c Release -- --db labels.db|postgres://… --winnow path/to/winnow.dll
//     [--annotators 20] [--seconds 120] [--items 20000] [--k 2] [--kill-at SECONDS]
// Seeds a fresh project, starts the server, lets N annotators label (next → annotate with an Idempotency-Key,
// 10% retried, 5% skipped) for the given time, stops the server (or kills it mid-load and restarts it), then
// checks the store: every acknowledged label is stored once, none twice, no item above k. Prints one JSON line,
// with the server's own timings (GET /api/timings: time inside the app per route, the store's wait/run/commit).
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
var adminToken = (await store.AddAnnotatorAsync($"{project.Name}-admin", Roles.Admin)).Token;

var server = Serve.Start(opts.Winnow, opts.Db);
// A light client (it shares the 2 cores with the server): one HttpClient and its connection pool for every
// worker, the token per request, latencies into each worker's own list.
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = opts.Annotators * 2, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    Timeout = TimeSpan.FromSeconds(30),
};
var perWorker = tokens.Select(_ => new List<(string Kind, double Ms)>(100_000)).ToArray();
var acked = new System.Collections.Concurrent.ConcurrentBag<long>();
var errors = 0;
var countedTwice = 0;
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(opts.Seconds));
var clock = Stopwatch.StartNew();
var killed = false;
var workers = tokens.Select((token, w) => Task.Run(async () =>
{
    var rnd = new Random(w);
    var latencies = perWorker[w];
    var auth = new AuthenticationHeaderValue("Bearer", token);
    HttpRequestMessage Request(HttpMethod method, string path) => new(method, new Uri(server.Address, path)) { Headers = { Authorization = auth } };
    while (!stop.IsCancellationRequested)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var t = Stopwatch.GetTimestamp();
                using var next = await http.SendAsync(Request(HttpMethod.Get, "/api/next?project=" + Uri.EscapeDataString(project.Name)));
                latencies.Add(("next", Stopwatch.GetElapsedTime(t).TotalMilliseconds));
                if (next.StatusCode == HttpStatusCode.NoContent) return;
                next.EnsureSuccessStatusCode();
                var item = (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
                if (rnd.NextDouble() < 0.05)
                {
                    t = Stopwatch.GetTimestamp();
                    (await http.SendAsync(Request(HttpMethod.Post, $"/api/items/{item}/skip"))).EnsureSuccessStatusCode();
                    latencies.Add(("skip", Stopwatch.GetElapsedTime(t).TotalMilliseconds));
                    continue;
                }
                var key = Guid.NewGuid().ToString("N");
                var tries = rnd.NextDouble() < 0.1 ? 2 : 1;
                long first = 0;
                for (var i = 0; i < tries; i++)
                {
                    using var req = Request(HttpMethod.Post, $"/api/items/{item}/annotations");
                    req.Content = JsonContent.Create(new { label = "card_lost", seconds = 1.0 });
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
// The server's own figures (since its last start): time inside the app per route, and the store's steps.
var serverTimings = await ServerTimings(http, server.Address, adminToken);
server.Kill();
var latencies = perWorker.SelectMany(l => l).ToList();

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
    server = serverTimings,
}));
return ackedSet.Count(id => !stored.Contains(id)) == 0 && over == 0 && duplicates == 0 && countedTwice == 0 ? 0 : 1;

static async Task<Dictionary<string, object>> ServerTimings(HttpClient http, Uri address, string adminToken)
{
    using var req = new HttpRequestMessage(HttpMethod.Get, new Uri(address, "/api/timings")) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", adminToken) } };
    using var r = await http.SendAsync(req);
    r.EnsureSuccessStatusCode();
    var json = await r.Content.ReadFromJsonAsync<JsonElement>();
    var picked = new Dictionary<string, object>();
    foreach (var group in new[] { "requests", "store" })
        foreach (var t in json.GetProperty(group).EnumerateArray())
        {
            var name = t.GetProperty("name").GetString()!;
            if (t.GetProperty("count").GetInt32() < 10) continue;
            picked[name] = new { n = t.GetProperty("count").GetInt32(), p50 = t.GetProperty("p50").GetDouble(), p95 = t.GetProperty("p95").GetDouble(), p99 = t.GetProperty("p99").GetDouble() };
        }
    return picked;
}

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
