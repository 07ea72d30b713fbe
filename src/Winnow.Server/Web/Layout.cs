using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Winnow.Server.Auth;
using Winnow.Server.Store;

namespace Winnow.Server.Web;

/// <summary>The frame of every page: navigation by role, the anti-forgery token for the page's script, no inline script or style.</summary>
internal static class Layout
{
    public static IResult Page(HttpContext ctx, string title, Html body, int status = 200)
    {
        var user = ctx.User.Identity?.IsAuthenticated == true ? ctx.User : null;
        var tokens = ctx.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(ctx);
        var nav = user is null ? Html.Empty : Html.Of($"""
            <nav>
              <a href="/">Label</a>
              {Html.When(user.AtLeast(Roles.Reviewer), Html.Of($"""<a href="/search">Search</a> <a href="/review">Review</a> <a href="/dashboard">Dashboard</a>"""))}
              {Html.When(user.AtLeast(Roles.Admin), Html.Of($"""<a href="/users">People</a>"""))}
              <span class="who">{user.Name()} ({user.Role()})</span>
              <form method="post" action="/signout" class="inline">{CsrfField(ctx)}<button type="submit">Sign out</button></form>
            </nav>
            """);
        var html = Html.Of($"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="csrf-token" content="{tokens.RequestToken}">
            <title>{title} · Winnow</title>
            <link rel="stylesheet" href="/assets/app.css">
            </head>
            <body>
            <header><strong>Winnow</strong> {nav}</header>
            <main>
            {body}
            </main>
            <script src="/assets/app.js"></script>
            </body>
            </html>
            """);
        return Results.Content(html.Value, "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>The hidden anti-forgery field every form carries.</summary>
    public static Html CsrfField(HttpContext ctx)
    {
        var tokens = ctx.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(ctx);
        return Html.Of($"""<input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">""");
    }

    public static Html Options(IEnumerable<string> values, string? selected, string? empty = null) =>
        Html.Join((empty is null ? [] : new[] { (Value: "", Text: empty) }).Concat(values.Select(v => (Value: v, Text: v))),
            o => Html.Of($"""<option value="{o.Value}"{(o.Value == selected ? new Html(" selected") : Html.Empty)}>{o.Text}</option>"""));
}
