using System.Net;
using System.Net.Http.Json;
using Winnow.Server.Api;
using Winnow.Server.Store;
using Winnow.Server.Tests.Infrastructure;

namespace Winnow.Server.Tests.Api;

/// <summary>Stored XSS through every field people or data can fill, CSRF on every browser write, and sign-in rate limiting.</summary>
public sealed class SecurityTests
{
    private const string EvilText = "<script>alert('text')</script><img src=x onerror=alert(1)> my card";
    private const string EvilLabel = "<svg onload=alert(2)>";
    private const string EvilName = "<script>alert('name')</script>";
    private const string EvilComment = "<script>alert('comment')</script>";

    [Fact]
    public async Task Pages_HostileTextLabelNameComment_RenderedEscaped()
    {
        await using var server = await TestServer.StartAsync(items: 0, k: 1, labels: ["card_lost", EvilLabel],
            extraItems: [new NewItem("evil", EvilText, """{"id":"evil"}""", null, [new Suggestion(EvilLabel, 0.3, "model")], LabelIssue: true)]);
        using var admin = server.Client("adm");
        var created = await (await admin.PostAsJsonAsync("/api/users", new { name = EvilName, role = "annotator" })).Content.ReadFromJsonAsync<NewUser>();
        using var evil = new HttpClient { BaseAddress = server.Address };
        evil.DefaultRequestHeaders.Authorization = new("Bearer", created!.Token);
        var item = await (await evil.GetAsync("/api/next")).Content.ReadFromJsonAsync<ItemDto>();
        Assert.Equal(EvilText, item!.Text); // the API returns the text as data
        Assert.Equal(HttpStatusCode.Created, (await evil.PostAsJsonAsync($"/api/items/{item.Id}/annotations", new { label = EvilLabel })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/items/{item.Id}/review", new { decision = "reject", comment = EvilComment })).StatusCode);

        foreach (var page in new[] { "/search?text=card", "/review", "/dashboard", "/users", "/" })
        {
            var response = await admin.GetAsync(page);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            foreach (var raw in new[] { "<script>alert", "<img src=x", "<svg onload" })
                Assert.DoesNotContain(raw, html, StringComparison.Ordinal);
        }
        var search = await admin.GetStringAsync("/search?text=card");
        Assert.Contains("&lt;script&gt;alert(&#x27;text&#x27;)", search, StringComparison.Ordinal);
        Assert.Contains("&lt;svg onload=alert(2)&gt;", search, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;comment&#x27;)", await admin.GetStringAsync("/review"), StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;name&#x27;)", await admin.GetStringAsync("/dashboard"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryBrowserWrite_WithoutAntiForgeryToken_RefusedAndNothingChanges()
    {
        await using var server = await TestServer.StartAsync();
        var session = await server.SignInAsync("adm");
        var annId = server.People["ann"].Who.Id;
        var writes = new (string Path, HttpContent Body)[]
        {
            ("/signout", Form()),
            ("/users", Form(("name", "mallory"), ("role", "admin"))),
            ($"/users/{annId}", Form(("role", "admin"))),
            ("/search/bulk", Form(("project", "bank"), ("bulk_label", "card_lost"))),
            ("/review/1", Form(("decision", "approve"), ("label", "card_lost"))),
            ("/api/items/1/annotations", JsonContent.Create(new { label = "card_lost" })),
            ("/api/items/1/skip", Form()),
            ("/api/undo", Form()),
            ("/api/bulk-label", JsonContent.Create(new { label = "card_lost", ids = new[] { 1, 2 } })),
            ("/api/items/1/review", JsonContent.Create(new { decision = "approve", label = "card_lost" })),
            ("/api/users", JsonContent.Create(new { name = "mallory2", role = "admin" })),
            ($"/api/users/{annId}", JsonContent.Create(new { role = "admin" })),
        };
        foreach (var (path, body) in writes)
            Assert.True((await session.Client.PostAsync(path, body)).StatusCode == HttpStatusCode.BadRequest, path);

        var people = await server.Store.AnnotatorsAsync();
        Assert.DoesNotContain(people, p => p.Name.StartsWith("mallory", StringComparison.Ordinal));
        Assert.Equal("annotator", people.Single(p => p.Name == "ann").Role);
        Assert.Equal(0, (await server.Store.InvariantsAsync(server.Project)).Annotations);
        Assert.DoesNotContain(await server.Store.SearchAsync(server.Project, new SearchQuery()), s => s.DecidedBy is "bulk" or "review");

        // The same session with the page's token gets through.
        using var withToken = new HttpRequestMessage(HttpMethod.Post, "/users") { Content = Form(("name", "carol"), ("role", "annotator"), ("__RequestVerificationToken", session.Csrf)) };
        Assert.Equal(HttpStatusCode.OK, (await session.Client.SendAsync(withToken)).StatusCode);
        using var viaHeader = new HttpRequestMessage(HttpMethod.Post, "/api/undo");
        viaHeader.Headers.Add("X-CSRF-TOKEN", session.Csrf);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.SendAsync(viaHeader)).StatusCode); // nothing to undo, but allowed
        Assert.Contains(await server.Store.AnnotatorsAsync(), p => p.Name == "carol");
    }

    [Fact]
    public async Task SignIn_WithoutAntiForgeryToken_Refused()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.Client(null);
        var response = await client.PostAsync("/signin", Form(("token", server.People["adm"].Token)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("winnow_session", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SignIn_MoreAttemptsThanTheLimit_TooManyRequestsEvenWithTheRightToken()
    {
        await using var server = await TestServer.StartAsync(options: new ServerOptions { SignInPerMinute = 3 });
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = server.Address };
        var csrf = TestServer.CsrfOf(await client.GetStringAsync("/signin"));
        var statuses = new List<HttpStatusCode>();
        foreach (var token in new[] { "wrong1", "wrong2", "wrong3", server.People["adm"].Token })
            statuses.Add((await client.PostAsync("/signin", Form(("token", token), ("__RequestVerificationToken", csrf)))).StatusCode);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private sealed record NewUser(long Id, string Name, string Role, string Token);
}
