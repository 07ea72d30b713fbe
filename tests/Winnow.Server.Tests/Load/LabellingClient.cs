using System.Net;
using System.Net.Http.Json;
using Winnow.Server.Api;

namespace Winnow.Server.Tests.Load;

/// <summary>
/// One annotator working through the API as a script would: next, label (with an Idempotency-Key), sometimes
/// a retry of the same request or a skip, until the queue is empty. Counts what the server acknowledged.
/// </summary>
internal sealed class LabellingClient(HttpClient http, int seed, string[] labels)
{
    private readonly Random _random = new(seed);

    public List<long> Acknowledged { get; } = [];
    public int Repeats { get; private set; }
    public int Skips { get; private set; }

    public async Task RunAsync(CancellationToken ct = default)
    {
        while (!ct.IsCancellationRequested)
        {
            var next = await http.GetAsync("/api/next", ct);
            if (next.StatusCode == HttpStatusCode.NoContent) return;
            next.EnsureSuccessStatusCode();
            var item = (await next.Content.ReadFromJsonAsync<ItemDto>(ct))!;
            if (_random.NextDouble() < 0.05)
            {
                (await http.PostAsync($"/api/items/{item.Id}/skip", null, ct)).EnsureSuccessStatusCode();
                Skips++;
                continue;
            }
            var key = Guid.NewGuid().ToString("N");
            var label = labels[_random.Next(labels.Length)];
            var id = await Post(item.Id, label, key, ct);
            Acknowledged.Add(id);
            if (_random.NextDouble() < 0.1)
            {
                // A client that lost the answer sends the same request again: it must not count twice.
                Assert.Equal(id, await Post(item.Id, label, key, ct));
                Repeats++;
            }
        }
    }

    private async Task<long> Post(long item, string label, string key, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/items/{item}/annotations") { Content = JsonContent.Create(new { label, seconds = 1.0 }) };
        request.Headers.Add("Idempotency-Key", key);
        var response = await http.SendAsync(request, ct);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
            throw new InvalidOperationException($"annotate {item}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        return (await response.Content.ReadFromJsonAsync<Ack>(ct))!.Id;
    }

    private sealed record Ack(long Id, bool Repeated);
}
