using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Winnow.Server.Store;

namespace Winnow.Server.Tests.Infrastructure;

/// <summary>
/// The web app on a free loopback port over a fresh store (SQLite or PostgreSQL), seeded with a project of
/// banking-style items and one person per role; real HTTP, real Kestrel.
/// </summary>
internal sealed partial class TestServer : IAsyncDisposable
{
    private TempFolder _folder = null!;
    private WebApplication? _app;

    public required LabelStore Store { get; init; }
    public required Project Project { get; init; }
    public Uri Address { get; private set; } = null!;
    public Dictionary<string, (Annotator Who, string Token)> People { get; } = [];

    public static async Task<TestServer> StartAsync(string kind = "sqlite", ServerOptions? options = null, int items = 12, int k = 2,
        string projectKind = ProjectKinds.Label, IEnumerable<NewItem>? extraItems = null, IReadOnlyList<string>? labels = null)
    {
        var folder = new TempFolder();
        var store = await LabelStore.OpenAsync(Stores.NewDb(kind, folder));
        labels ??= projectKind == ProjectKinds.Spans ? ["PER", "LOC", "ORG"] : ["card_arrival", "card_lost", "refund_not_showing_up"];
        var project = await store.UpsertProjectAsync("bank", projectKind, labels, k, 0);
        await store.AddItemsAsync(project, Enumerable.Range(0, items).Select(i => new NewItem(
            $"r{i}", $"my card number {i} has not arrived yet", $$"""{"id":"r{{i}}","text":"my card number {{i}} has not arrived yet"}""", null,
            [new Suggestion(labels[i % labels.Count], 0.40 + i / 100.0, "model")])).Concat(extraItems ?? []));
        var server = new TestServer { Store = store, Project = project };
        server._folder = folder;
        foreach (var (name, role) in new[] { ("ann", Roles.Annotator), ("bob", Roles.Annotator), ("rev", Roles.Reviewer), ("adm", Roles.Admin) })
            server.People[name] = await store.AddAnnotatorAsync(name, role);
        server._app = AnnotationServer.Build(store, (options ?? new ServerOptions()) with { Port = 0 });
        await server._app.StartAsync();
        server.Address = AnnotationServer.Address(server._app);
        return server;
    }

    public WebApplication App => _app!;

    /// <summary>A client that sends a person's bearer token (null: anonymous); redirects are not followed.</summary>
    public HttpClient Client(string? person)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Address };
        if (person is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", People[person].Token);
        return client;
    }

    /// <summary>A browser-like client signed in with a cookie session; <see cref="BrowserSession.Csrf"/> is the page's anti-forgery token.</summary>
    public async Task<BrowserSession> SignInAsync(string person)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = Address };
        var form = await client.GetStringAsync("/signin");
        var signIn = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = People[person].Token, ["__RequestVerificationToken"] = CsrfOf(form),
        }));
        if (signIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in failed: {signIn.StatusCode}");
        var page = await client.GetStringAsync("/");
        return new BrowserSession(client, CsrfOf(page));
    }

    public static string CsrfOf(string html) => CsrfField().Match(html) is { Success: true } m ? m.Groups[1].Value
        : throw new InvalidOperationException("no anti-forgery token on the page");

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex CsrfField();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _folder.Dispose();
    }
}

internal sealed record BrowserSession(HttpClient Client, string Csrf);
