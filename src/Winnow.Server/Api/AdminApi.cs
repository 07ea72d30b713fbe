using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Winnow.Core;
using Winnow.Server.Auth;
using Winnow.Server.Store;

namespace Winnow.Server.Api;

/// <summary>Admins only: people, their roles and their tokens.</summary>
internal static class AdminApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/users").RequireAuthorization(Roles.Admin);

        api.MapGet("", async (LabelStore store) => Results.Ok(await store.AnnotatorsAsync()));

        api.MapPost("", async (NewUserRequest body, HttpContext ctx, LabelStore store) =>
        {
            try
            {
                var (who, token) = await store.AddAnnotatorAsync(body.Name ?? "", body.Role ?? Roles.Annotator, ctx.User.Id());
                return Results.Created($"/api/users/{who.Id}", new { who.Id, who.Name, who.Role, token });
            }
            catch (WinnowException e)
            {
                return Results.BadRequest(new { error = e.Message });
            }
        });

        api.MapPost("/{id:long}", async (long id, UserUpdateRequest body, HttpContext ctx, LabelStore store) =>
        {
            try
            {
                return await store.UpdateAnnotatorAsync(id, body.Role, body.Active, ctx.User.Id())
                    ? Results.Ok(await store.AnnotatorAsync(id)) : Results.NotFound(new { error = "no such user" });
            }
            catch (WinnowException e)
            {
                return Results.BadRequest(new { error = e.Message });
            }
        });
    }
}
