using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Winnow.Core;
using Winnow.Server.Auth;
using Winnow.Server.Store;

namespace Winnow.Server.Web;

/// <summary>Admins: add people (the token is shown once), change roles, deactivate.</summary>
internal static class UsersPage
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/users", (HttpContext ctx, LabelStore store) => Render(ctx, store, null, null)).RequireAuthorization(Roles.Admin);

        app.MapPost("/users", async (HttpContext ctx, LabelStore store) =>
        {
            var form = await ctx.Request.ReadFormAsync();
            try
            {
                var (who, token) = await store.AddAnnotatorAsync(form["name"].ToString(), form["role"].ToString() is { Length: > 0 } r ? r : Roles.Annotator, ctx.User.Id());
                return await Render(ctx, store, Html.Of($"""
                    <p class="ok" role="status">Added {who.Name} ({who.Role}). Their personal token, shown only now:</p>
                    <p><code id="new-token">{token}</code></p>
                    """), null);
            }
            catch (WinnowException e)
            {
                return await Render(ctx, store, null, e.Message, StatusCodes.Status400BadRequest);
            }
        }).RequireAuthorization(Roles.Admin);

        app.MapPost("/users/{id:long}", async (long id, HttpContext ctx, LabelStore store) =>
        {
            var form = await ctx.Request.ReadFormAsync();
            var role = form["role"].ToString() is { Length: > 0 } r ? r : null;
            bool? active = form["active"].ToString() switch { "yes" => true, "no" => false, _ => null };
            try
            {
                await store.UpdateAnnotatorAsync(id, role, active, ctx.User.Id());
            }
            catch (WinnowException e)
            {
                return await Render(ctx, store, null, e.Message, StatusCodes.Status400BadRequest);
            }
            return Results.Redirect("/users");
        }).RequireAuthorization(Roles.Admin);
    }

    private static async Task<IResult> Render(HttpContext ctx, LabelStore store, Html? message, string? error, int status = 200)
    {
        var people = await store.AnnotatorsAsync();
        return Layout.Page(ctx, "People", Html.Of($"""
            <h1>People</h1>
            {message ?? Html.Empty}
            {Html.When(error is not null, Html.Of($"""<p class="error" role="alert">{error}</p>"""))}
            <form method="post" action="/users" class="filters" id="add-user">
              {Layout.CsrfField(ctx)}
              <label>Name <input name="name" required maxlength="64"></label>
              <label>Role <select name="role">{Layout.Options(Roles.All, Roles.Annotator)}</select></label>
              <button type="submit">Add</button>
            </form>
            <table class="items" id="people">
              <thead><tr><th>name</th><th>role</th><th>active</th><th></th></tr></thead>
              <tbody>
              {Html.Join(people, p => Html.Of($"""
                <tr><td>{p.Name}</td><td>{p.Role}</td><td>{(p.Active ? "yes" : "no")}</td>
                <td><form method="post" action="/users/{p.Id}" class="inline">{Layout.CsrfField(ctx)}
                  <select name="role">{Layout.Options(Roles.All, p.Role)}</select>
                  <select name="active">{Layout.Options(["yes", "no"], p.Active ? "yes" : "no")}</select>
                  <button type="submit">Save</button></form></td></tr>
                """))}
              </tbody>
            </table>
            """), status);
    }
}
