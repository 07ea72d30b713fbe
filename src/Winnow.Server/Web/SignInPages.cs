using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Winnow.Server.Auth;
using Winnow.Server.Store;

namespace Winnow.Server.Web;

/// <summary>Sign in with a personal token (rate-limited per client address) into a cookie session; sign out.</summary>
internal static class SignInPages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/signin", (HttpContext ctx) => Form(ctx, null));

        app.MapPost("/signin", async (HttpContext ctx, LabelStore store) =>
        {
            var form = await ctx.Request.ReadFormAsync();
            var token = form["token"].ToString().Trim();
            var who = token.Length == 0 ? null : await store.FindByTokenAsync(token);
            if (who is null) return Form(ctx, "That token is not valid.", StatusCodes.Status401Unauthorized);
            var principal = new ClaimsPrincipal(Identity.Of(who, CookieAuthenticationDefaults.AuthenticationScheme));
            await ctx.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            return Results.Redirect("/");
        }).RequireRateLimiting(AuthSetup.SignInLimit);

        app.MapPost("/signout", async (HttpContext ctx) =>
        {
            await ctx.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/signin");
        });
    }

    private static IResult Form(HttpContext ctx, string? error, int status = 200) =>
        Layout.Page(ctx, "Sign in", Html.Of($"""
            <section class="signin">
              <h1>Sign in</h1>
              {Html.When(error is not null, Html.Of($"""<p class="error" role="alert">{error}</p>"""))}
              <form method="post" action="/signin">
                {Layout.CsrfField(ctx)}
                <label>Personal token <input type="password" name="token" id="token" autocomplete="off" autofocus required></label>
                <button type="submit">Sign in</button>
              </form>
              <p class="hint">An admin creates your token: <code>winnow annotate users add NAME</code>.</p>
            </section>
            """), status);
}
