using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Winnow.Server.Auth;
using Winnow.Server.Store;

namespace Winnow.Server.Diagnostics;

/// <summary>
/// The server's own latency figures: every request's time inside the app (from the first middleware to the
/// end of the handler), by route, and the store's per-operation times (waiting for the writer, running,
/// committing, group sizes). <c>GET /api/timings</c> (admins) shows their percentiles; a load client compares
/// them with what it measured to tell time spent in the app from time spent queueing outside it.
/// </summary>
internal static class RequestTimings
{
    public static IApplicationBuilder UseRequestTimings(this IApplicationBuilder app, Timings timings) =>
        app.Use(async (ctx, next) =>
        {
            var start = Stopwatch.GetTimestamp();
            await next(ctx);
            var route = ctx.GetEndpoint() is RouteEndpoint e ? e.RoutePattern.RawText : "(no route)";
            timings.Record($"{ctx.Request.Method} {route}", Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        });

    public static void Map(IEndpointRouteBuilder app, Timings requests)
    {
        app.MapGet("/api/timings", (LabelStore store) => Results.Ok(new { requests = requests.Snapshot(), store = store.Timings.Snapshot() }))
            .RequireAuthorization(Roles.Admin);
        app.MapDelete("/api/timings", (LabelStore store) =>
        {
            requests.Clear();
            store.Timings.Clear();
            return Results.NoContent();
        }).RequireAuthorization(Roles.Admin);
    }
}
