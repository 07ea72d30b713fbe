using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Winnow.Augmentation.Tests.Chat;

/// <summary>A request as the scripted server saw it.</summary>
/// <param name="Number">1-based, in arrival order.</param>
/// <param name="Attempt">1-based: how many times this exact body has arrived, this one included.</param>
public sealed record ScriptedRequest(int Number, int Attempt, string Model, string LastUser, bool Stream, long? Seed, JsonObject Body);

/// <summary>What the scripted server does with a request.</summary>
public abstract record ScriptedReply
{
    /// <summary>A normal answer after <paramref name="DelayMs"/>; usage as given (null: none reported).</summary>
    public sealed record Answer(string Content, int DelayMs = 0, int? PromptTokens = 11, int? CompletionTokens = 7) : ScriptedReply;

    /// <summary>An error status with an OpenAI-style error body, and a Retry-After header when given.</summary>
    public sealed record Status(int Code, string? RetryAfter = null) : ScriptedReply;

    /// <summary>Never answers (until the client gives up and closes the connection).</summary>
    public sealed record Hang : ScriptedReply;

    /// <summary>200 with a body that is not JSON.</summary>
    public sealed record Malformed : ScriptedReply;
}

/// <summary>
/// An OpenAI-compatible chat completions server on loopback (Kestrel, port chosen by the OS) whose every answer a
/// test scripts: answers (plain or streamed as server-sent events, with usage), 429/500 with Retry-After, time-outs,
/// malformed JSON. It counts requests, requests per body, and the most requests it ever had in flight at once.
/// </summary>
public sealed class ScriptedChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<ScriptedRequest, ScriptedReply> _script;
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ScriptedRequest> _log = new();
    private int _requests, _inFlight, _maxInFlight;

    private ScriptedChatServer(WebApplication app, Func<ScriptedRequest, ScriptedReply> script)
    {
        _app = app;
        _script = script;
    }

    /// <summary>http://127.0.0.1:PORT/v1</summary>
    public string BaseUrl { get; private set; } = "";

    public int Requests => Volatile.Read(ref _requests);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public IReadOnlyCollection<ScriptedRequest> Log => _log;

    /// <summary>Requests whose last user message was <paramref name="lastUser"/>.</summary>
    public int RequestsFor(string lastUser) => _log.Count(r => r.LastUser == lastUser);

    public static async Task<ScriptedChatServer> StartAsync(Func<ScriptedRequest, ScriptedReply> script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ScriptedChatServer(app, script);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/v1";
        return server;
    }

    /// <summary>Echoes the last user message: "echo: …".</summary>
    public static ScriptedReply Echo(ScriptedRequest r) => new ScriptedReply.Answer($"echo: {r.LastUser}");

    private async Task HandleAsync(HttpContext context)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); inFlight > max; max = Volatile.Read(ref _maxInFlight))
            if (Interlocked.CompareExchange(ref _maxInFlight, inFlight, max) == max) break;
        try
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var raw = await reader.ReadToEndAsync(context.RequestAborted);
            var body = JsonNode.Parse(raw)!.AsObject();
            var messages = body["messages"]!.AsArray();
            var lastUser = messages.LastOrDefault(m => (string?)m!["role"] == "user")?["content"] switch
            {
                JsonValue v => (string?)v ?? "",
                JsonArray parts => string.Concat(parts.Select(p => (string?)p!["text"])),
                _ => "",
            };
            var request = new ScriptedRequest(
                Interlocked.Increment(ref _requests),
                _attempts.AddOrUpdate(raw, 1, (_, n) => n + 1),
                (string?)body["model"] ?? "",
                lastUser,
                (bool?)body["stream"] ?? false,
                (long?)body["seed"],
                body);
            _log.Enqueue(request);
            await ReplyAsync(context, request, _script(request));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static async Task ReplyAsync(HttpContext context, ScriptedRequest request, ScriptedReply reply)
    {
        var response = context.Response;
        switch (reply)
        {
            case ScriptedReply.Status s:
                response.StatusCode = s.Code;
                if (s.RetryAfter is not null) response.Headers.RetryAfter = s.RetryAfter;
                response.ContentType = "application/json";
                await response.WriteAsync(new JsonObject { ["error"] = new JsonObject { ["message"] = $"scripted {s.Code}", ["type"] = "scripted", ["code"] = null } }.ToJsonString());
                return;
            case ScriptedReply.Hang:
                try { await Task.Delay(Timeout.Infinite, context.RequestAborted); } catch (OperationCanceledException) { }
                return;
            case ScriptedReply.Malformed:
                response.ContentType = "application/json";
                await response.WriteAsync("""{"id":"chatcmpl-x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assi""");
                return;
            case ScriptedReply.Answer a:
                if (a.DelayMs > 0)
                {
                    try { await Task.Delay(a.DelayMs, context.RequestAborted); } catch (OperationCanceledException) { return; }
                }
                if (request.Stream) await StreamAsync(response, request, a);
                else
                {
                    response.ContentType = "application/json";
                    var json = new JsonObject
                    {
                        ["id"] = $"chatcmpl-{request.Number}",
                        ["object"] = "chat.completion",
                        ["created"] = 1_700_000_000,
                        ["model"] = request.Model,
                        ["choices"] = new JsonArray(new JsonObject
                        {
                            ["index"] = 0,
                            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = a.Content },
                            ["finish_reason"] = "stop",
                        }),
                    };
                    if (Usage(a) is { } usage) json["usage"] = usage;
                    await response.WriteAsync(json.ToJsonString());
                }
                return;
        }
    }

    private static JsonObject? Usage(ScriptedReply.Answer a) => a.PromptTokens is { } p && a.CompletionTokens is { } c
        ? new JsonObject { ["prompt_tokens"] = p, ["completion_tokens"] = c, ["total_tokens"] = p + c }
        : null;

    /// <summary>Server-sent events as OpenAI sends them: role, the content in pieces, finish, usage, [DONE].</summary>
    private static async Task StreamAsync(HttpResponse response, ScriptedRequest request, ScriptedReply.Answer a)
    {
        response.ContentType = "text/event-stream";
        var pieces = new List<JsonObject> { Delta(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null) };
        for (var i = 0; i < a.Content.Length; i += 5)
            pieces.Add(Delta(new JsonObject { ["content"] = a.Content.Substring(i, Math.Min(5, a.Content.Length - i)) }, null));
        pieces.Add(Delta(new JsonObject(), "stop"));
        foreach (var piece in pieces)
        {
            await response.WriteAsync($"data: {piece.ToJsonString()}\n\n");
            await response.Body.FlushAsync();
        }
        if (Usage(a) is { } usage)
            await response.WriteAsync($"data: {new JsonObject { ["id"] = $"chatcmpl-{request.Number}", ["object"] = "chat.completion.chunk", ["created"] = 1_700_000_000, ["model"] = request.Model, ["choices"] = new JsonArray(), ["usage"] = usage }.ToJsonString()}\n\n");
        await response.WriteAsync("data: [DONE]\n\n");

        JsonObject Delta(JsonObject delta, string? finish) => new()
        {
            ["id"] = $"chatcmpl-{request.Number}",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_700_000_000,
            ["model"] = request.Model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
