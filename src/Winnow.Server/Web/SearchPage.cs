using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Winnow.Server.Auth;
using Winnow.Server.Store;

namespace Winnow.Server.Web;

/// <summary>Search by text, label, suggestion, confidence, label issue or cluster; label the whole result at once.</summary>
internal static class SearchPage
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/search", async (HttpContext ctx, LabelStore store) =>
        {
            var project = await RequestProject.Of(ctx, store);
            if (project is null) return Layout.Page(ctx, "Search", Html.Of($"""<p class="empty">No project yet.</p>"""));
            var q = SearchForm.Parse(ctx.Request.Query);
            var hits = await store.SearchAsync(project, q);
            var done = ctx.Request.Query["labelled"].FirstOrDefault();
            var hidden = Html.Join(ctx.Request.Query.Where(kv => kv.Key is "text" or "label" or "suggestion" or "min" or "max" or "issue" or "cluster" or "project"),
                kv => Html.Of($"""<input type="hidden" name="{kv.Key}" value="{kv.Value.ToString()}">"""));
            return Layout.Page(ctx, "Search", Html.Of($"""
                <h1>Search <small>{project.Name}</small></h1>
                <form method="get" action="/search" class="filters">
                  <input type="hidden" name="project" value="{project.Name}">
                  <label>Text <input name="text" id="q-text" value="{q.Text}"></label>
                  <label>Label <select name="label">{Layout.Options(project.Labels, q.Label, "any")}</select></label>
                  <label>Suggestion <select name="suggestion">{Layout.Options(project.Labels, q.Suggestion, "any")}</select></label>
                  <span class="range"><label>Confidence ≥ <input name="min" size="4" value="{q.MinConfidence}"></label>
                  <label>≤ <input name="max" size="4" value="{q.MaxConfidence}"></label></span>
                  <label>Label issue <select name="issue">{Layout.Options(["yes", "no"], q.LabelIssue is null ? null : q.LabelIssue.Value ? "yes" : "no", "any")}</select></label>
                  <label>Cluster <input name="cluster" size="8" value="{q.Cluster}"></label>
                  <button type="submit" id="search-go">Search</button>
                </form>
                {Html.When(done is not null, Html.Of($"""<p class="ok" role="status" id="bulk-done">Labelled {done} items.</p>"""))}
                <form method="post" action="/search/bulk" class="bulk">
                  {Layout.CsrfField(ctx)}{hidden}
                  <span id="hit-count">{hits.Count} items</span>
                  <label>Label all as <select name="bulk_label" id="bulk-label">{Layout.Options(project.Labels, null)}</select></label>
                  <button type="submit" id="bulk-go"{(hits.Count == 0 ? new Html(" disabled") : Html.Empty)}>Label all {hits.Count}</button>
                </form>
                <table class="items">
                  <thead><tr><th>id</th><th>text</th><th>suggestion</th><th>people</th><th>decided</th></tr></thead>
                  <tbody>
                  {Html.Join(hits, h => Html.Of($"""<tr><td>{h.ExtId}</td><td class="text-cell">{h.Text}</td><td>{Rows.Suggestion(h)}</td><td>{Rows.Votes(h)}</td><td>{Rows.Decided(h)}</td></tr>"""))}
                  </tbody>
                </table>
                """));
        }).RequireAuthorization(Roles.Reviewer);

        app.MapPost("/search/bulk", async (HttpContext ctx, LabelStore store) =>
        {
            var form = await ctx.Request.ReadFormAsync();
            var project = await store.ProjectAsync(form["project"].FirstOrDefault() is { Length: > 0 } p ? p : null);
            if (project is null) return Results.NotFound();
            var q = SearchForm.Parse(form);
            var label = form["bulk_label"].ToString();
            if (!project.Labels.Contains(label)) return Results.BadRequest(new { error = $"unknown label '{label}'" });
            var ids = (await store.SearchAsync(project, q)).Select(s => s.Id).ToList();
            var n = await store.BulkLabelAsync(ids, ctx.User.Id(), label);
            var back = QueryString.Create(form.Where(kv => kv.Key is "text" or "label" or "suggestion" or "min" or "max" or "issue" or "cluster" or "project")
                .Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value.ToString())).Append(new("labelled", n.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            return Results.Redirect("/search" + back);
        }).RequireAuthorization(Roles.Reviewer);
    }
}
