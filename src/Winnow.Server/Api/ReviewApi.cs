using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Winnow.Server.Auth;
using Winnow.Server.Store;
using Winnow.Server.Web;

namespace Winnow.Server.Api;

/// <summary>Reviewers (and admins): search, bulk-label, the review queue, approve/reject, anyone's open items, stats and agreement.</summary>
internal static class ReviewApi
{
    public static void Map(IEndpointRouteBuilder app, ServerOptions options)
    {
        var api = app.MapGroup("/api").RequireAuthorization(Roles.Reviewer);

        api.MapGet("/search", async (HttpContext ctx, LabelStore store) =>
        {
            var project = await RequestProject.Of(ctx, store);
            if (project is null) return Results.NotFound(new { error = "no such project" });
            var q = SearchForm.Parse(ctx.Request.Query);
            return Results.Ok((await store.SearchAsync(project, q)).Select(s => SummaryDto.Of(s)));
        });

        api.MapPost("/bulk-label", async (BulkLabelRequest body, HttpContext ctx, LabelStore store) =>
        {
            var project = await RequestProject.Of(ctx, store);
            if (project is null) return Results.NotFound(new { error = "no such project" });
            var ids = body.Ids ?? (body.Query is null ? null : (await store.SearchAsync(project, body.Query)).Select(s => s.Id).ToList());
            if (ids is null) return Results.BadRequest(new { error = "give ids or a query" });
            try
            {
                return Results.Ok(new { labelled = await store.BulkLabelAsync(ids, ctx.User.Id(), body.Label) });
            }
            catch (ArgumentException e)
            {
                return Results.BadRequest(new { error = e.Message });
            }
        });

        api.MapGet("/review", async (HttpContext ctx, LabelStore store) =>
        {
            var project = await RequestProject.Of(ctx, store);
            if (project is null) return Results.NotFound(new { error = "no such project" });
            return Results.Ok((await store.ReviewQueueAsync(project)).Select(r => SummaryDto.Of(r.Item, r.Reason)));
        });

        api.MapPost("/items/{id:long}/review", async (long id, ReviewRequest body, HttpContext ctx, LabelStore store) =>
        {
            if (body.Decision is not ("approve" or "reject")) return Results.BadRequest(new { error = "decision is approve or reject" });
            if (body.Comment is { Length: > 4000 }) return Results.BadRequest(new { error = "a comment is at most 4000 characters" });
            try
            {
                return await store.ReviewAsync(id, ctx.User.Id(), body.Decision == "approve", body.Label, body.Spans, body.Comment)
                    ? Results.Ok(new { reviewed = id }) : Results.NotFound(new { error = "no such item" });
            }
            catch (ArgumentException e)
            {
                return Results.BadRequest(new { error = e.Message });
            }
        });

        api.MapGet("/annotators/{name}/queue", async (string name, LabelStore store) =>
        {
            var who = (await store.AnnotatorsAsync()).FirstOrDefault(a => a.Name == name);
            return who is null ? Results.NotFound(new { error = "no such annotator" }) : Results.Ok(await store.OpenItemsAsync(who.Id));
        });

        api.MapGet("/stats", async (HttpContext ctx, LabelStore store) =>
        {
            var project = await RequestProject.Of(ctx, store);
            return project is null ? Results.NotFound(new { error = "no such project" }) : Results.Ok(await store.StatsAsync(project));
        });

        api.MapGet("/agreement", async (HttpContext ctx, LabelStore store) =>
        {
            var project = await RequestProject.Of(ctx, store);
            if (project is null) return Results.NotFound(new { error = "no such project" });
            if (options.Agreement is null)
                return Results.Ok(new { available = false, reason = "agreement measures come with the annotation machinery (Winnow.Annotation), not wired in this build" });
            return Results.Ok(new { available = true, agreement = options.Agreement.Measure(await store.LabelRowsAsync(project)) });
        });

        api.MapGet("/audit", async (LabelStore store) =>
            Results.Ok((await store.AuditAsync(200)).Select(a => new { a.At, a.Who, a.Action, a.Item, a.Detail })));
    }
}
