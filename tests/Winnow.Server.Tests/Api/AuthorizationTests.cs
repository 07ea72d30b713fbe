using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Winnow.Server.Tests.Infrastructure;

namespace Winnow.Server.Tests.Api;

/// <summary>Every route, every role: who gets in, who is turned away (401 without a token, 403 below the route's role).</summary>
public sealed class AuthorizationTests
{
    // method, route pattern as mapped, a concrete path, the least role that may use it (null: anyone).
    private static readonly (string Method, string Pattern, string Path, string? Role)[] Routes =
    [
        ("GET", "/assets/{name}", "/assets/app.js", null),
        ("GET", "/signin", "/signin", null),
        ("POST", "/signin", "/signin", null),
        ("POST", "/signout", "/signout", null),
        ("GET", "/", "/", "annotator"),
        ("GET", "/api/next", "/api/next", "annotator"),
        ("POST", "/api/items/{id:long}/annotations", "/api/items/1/annotations", "annotator"),
        ("POST", "/api/items/{id:long}/skip", "/api/items/1/skip", "annotator"),
        ("POST", "/api/undo", "/api/undo", "annotator"),
        ("GET", "/api/me", "/api/me", "annotator"),
        ("GET", "/api/projects", "/api/projects", "annotator"),
        ("GET", "/search", "/search", "reviewer"),
        ("POST", "/search/bulk", "/search/bulk", "reviewer"),
        ("GET", "/review", "/review", "reviewer"),
        ("POST", "/review/{id:long}", "/review/1", "reviewer"),
        ("GET", "/dashboard", "/dashboard", "reviewer"),
        ("GET", "/api/search", "/api/search", "reviewer"),
        ("POST", "/api/bulk-label", "/api/bulk-label", "reviewer"),
        ("GET", "/api/review", "/api/review", "reviewer"),
        ("POST", "/api/items/{id:long}/review", "/api/items/1/review", "reviewer"),
        ("GET", "/api/annotators/{name}/queue", "/api/annotators/bob/queue", "reviewer"),
        ("GET", "/api/stats", "/api/stats", "reviewer"),
        ("GET", "/api/agreement", "/api/agreement", "reviewer"),
        ("GET", "/api/audit", "/api/audit", "reviewer"),
        ("GET", "/users", "/users", "admin"),
        ("POST", "/users", "/users", "admin"),
        ("POST", "/users/{id:long}", "/users/1", "admin"),
        ("GET", "/api/users/", "/api/users", "admin"),
        ("POST", "/api/users/", "/api/users", "admin"),
        ("POST", "/api/users/{id:long}", "/api/users/1", "admin"),
        ("GET", "/api/timings", "/api/timings", "admin"),
        ("DELETE", "/api/timings", "/api/timings", "admin"),
    ];

    private static readonly Dictionary<string, int> Rank = new() { ["ann"] = 1, ["rev"] = 2, ["adm"] = 3 };
    private static readonly Dictionary<string, int> Needed = new() { ["annotator"] = 1, ["reviewer"] = 2, ["admin"] = 3 };

    [Fact]
    public async Task Routes_TableCoversEveryMappedEndpoint()
    {
        await using var server = await TestServer.StartAsync();
        var mapped = server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order().ToList();
        Assert.Equal(Routes.Select(r => $"{r.Method} {r.Pattern}").Order().ToList(), mapped);
    }

    [Fact]
    public async Task EveryRoute_EachRole_AllowedOnlyFromItsRoleUp()
    {
        await using var server = await TestServer.StartAsync();
        var failures = new List<string>();
        foreach (var (method, _, path, role) in Routes.Where(r => r.Role is not null))
        {
            foreach (var person in new[] { (string?)null, "ann", "rev", "adm" })
            {
                using var client = server.Client(person);
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method == "POST") request.Content = JsonContent.Create(new { });
                var status = (await client.SendAsync(request)).StatusCode;
                var allowed = person is not null && Rank[person] >= Needed[role!];
                var ok = person is null ? status is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect
                    : allowed ? status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) || path.Contains("/annotations", StringComparison.Ordinal) && status == HttpStatusCode.Forbidden
                    : status == HttpStatusCode.Forbidden;
                if (!ok) failures.Add($"{method} {path} as {person ?? "anonymous"}: {(int)status}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Annotator_AnotherAnnotatorsItem_Forbidden()
    {
        await using var server = await TestServer.StartAsync();
        using var ann = server.Client("ann");
        using var bob = server.Client("bob");
        var item = await (await ann.GetAsync("/api/next")).Content.ReadFromJsonAsync<Winnow.Server.Api.ItemDto>();
        var response = await bob.PostAsJsonAsync($"/api/items/{item!.Id}/annotations", new { label = "card_lost" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ann.GetAsync("/api/annotators/bob/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsync($"/api/items/{item.Id}/skip", null)).StatusCode);
        Assert.Equal(0, (await server.Store.InvariantsAsync(server.Project)).Annotations);
    }

    [Fact]
    public async Task Reviewer_ChangeUsers_ForbiddenAndNothingChanges()
    {
        await using var server = await TestServer.StartAsync();
        using var rev = server.Client("rev");
        Assert.Equal(HttpStatusCode.Forbidden, (await rev.PostAsJsonAsync("/api/users", new { name = "mallory", role = "admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rev.PostAsJsonAsync($"/api/users/{server.People["rev"].Who.Id}", new { role = "admin" })).StatusCode);
        var people = await server.Store.AnnotatorsAsync();
        Assert.DoesNotContain(people, p => p.Name == "mallory");
        Assert.Equal("reviewer", people.Single(p => p.Name == "rev").Role);
    }

    [Fact]
    public async Task Next_Annotator_BlindItemWithoutOthersLabels()
    {
        await using var server = await TestServer.StartAsync(k: 2);
        using var ann = server.Client("ann");
        using var bob = server.Client("bob");
        var first = await (await ann.GetAsync("/api/next")).Content.ReadFromJsonAsync<Winnow.Server.Api.ItemDto>();
        await ann.PostAsJsonAsync($"/api/items/{first!.Id}/annotations", new { label = "refund_not_showing_up" });
        var json = await (await bob.GetAsync("/api/next")).Content.ReadAsStringAsync();
        Assert.Contains($"\"id\":{first.Id}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("refund_not_showing_up\",\"confidence\":null", json, StringComparison.Ordinal);
        Assert.DoesNotContain("ann", json.Replace("annotations", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deactivated_TokenAndSession_StopWorking()
    {
        await using var server = await TestServer.StartAsync();
        var session = await server.SignInAsync("ann");
        using var admin = server.Client("adm");
        await admin.PostAsJsonAsync($"/api/users/{server.People["ann"].Who.Id}", new { active = false });
        using var ann = server.Client("ann");
        Assert.Equal(HttpStatusCode.Unauthorized, (await ann.GetAsync("/api/next")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.Client.GetAsync("/api/next")).StatusCode);
    }
}
