using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Winnow.Server.Auth;
using Winnow.Server.Store;
using Winnow.Server.Web;

namespace Winnow.Server.Api;

/// <summary>An annotator's own work: the next item, a label, a skip, an undo. Every route is the caller's queue only.</summary>
internal static class QueueApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(Roles.Annotator);

        api.MapGet("/next", async (HttpContext ctx, LabelStore store) =>
        {
            var project = await RequestProject.Of(ctx, store);
            if (project is null) return Results.NotFound(new { error = "no such project" });
            var item = await store.NextAsync(project, ctx.User.Id());
            return item is null ? Results.NoContent() : Results.Ok(ItemDto.Of(item));
        });

        api.MapPost("/items/{id:long}/annotations", async (long id, AnnotationRequest body, HttpContext ctx, LabelStore store) =>
        {
            var key = ctx.Request.Headers["Idempotency-Key"].FirstOrDefault();
            if (key is { Length: > 200 }) return Results.BadRequest(new { error = "Idempotency-Key is at most 200 characters" });
            var result = await store.AnnotateAsync(id, ctx.User.Id(), new AnnotationInput(body.Label, body.Spans, body.Seconds, key));
            return result.Status switch
            {
                AnnotateStatus.Created => Results.Created($"/api/annotations/{result.AnnotationId}", new { id = result.AnnotationId, repeated = false }),
                AnnotateStatus.Repeated => Results.Ok(new { id = result.AnnotationId, repeated = true }),
                AnnotateStatus.NotFound => Results.NotFound(new { error = result.Error }),
                AnnotateStatus.NotAssigned => Results.Json(new { error = result.Error }, statusCode: StatusCodes.Status403Forbidden),
                AnnotateStatus.AlreadyAnnotated => Results.Conflict(new { error = result.Error }),
                _ => Results.BadRequest(new { error = result.Error }),
            };
        });

        api.MapPost("/items/{id:long}/skip", async (long id, HttpContext ctx, LabelStore store) =>
            await store.SkipAsync(id, ctx.User.Id()) ? Results.Ok(new { skipped = id }) : Results.NotFound(new { error = "this item is not open in your queue" }));

        api.MapPost("/undo", async (HttpContext ctx, LabelStore store) =>
        {
            var project = await RequestProject.Of(ctx, store);
            if (project is null) return Results.NotFound(new { error = "no such project" });
            var item = await store.UndoAsync(project, ctx.User.Id());
            return item is null ? Results.NotFound(new { error = "nothing to undo" }) : Results.Ok(new { item });
        });

        api.MapGet("/me", (HttpContext ctx) => Results.Ok(new { id = ctx.User.Id(), name = ctx.User.Name(), role = ctx.User.Role() }));

        api.MapGet("/projects", async (LabelStore store) =>
            Results.Ok((await store.ProjectsAsync()).Select(p => new { p.Name, p.Kind, p.Labels, p.K, p.GoldEvery })));
    }
}
