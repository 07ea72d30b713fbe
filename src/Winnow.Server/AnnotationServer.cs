using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Winnow.Server.Api;
using Winnow.Server.Auth;
using Winnow.Server.Diagnostics;
using Winnow.Server.Store;
using Winnow.Server.Web;

namespace Winnow.Server;

/// <summary>
/// The labelling web app: the JSON API (<c>/api/…</c>, bearer token or cookie session) and the pages
/// (sign-in, label, search, review, dashboard, people), over one <see cref="LabelStore"/>.
/// </summary>
public static class AnnotationServer
{
    public static WebApplication Build(LabelStore store, ServerOptions options, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Winnow.Server" });
        builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
        builder.Logging.ClearProviders();
        if (logging is not null) logging(builder.Logging);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(options);
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);
        builder.Services.AddWinnowAuth(options);

        var app = builder.Build();
        var timings = new Timings();
        app.UseRequestTimings(timings);
        app.Use(async (ctx, next) =>
        {
            // Defence in depth against injected markup: no inline script or style, no framing, no sniffing.
            var h = ctx.Response.Headers;
            h.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            await next(ctx);
        });
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseCsrfCheck();

        Assets.Map(app);
        SignInPages.Map(app);
        LabelPage.Map(app);
        SearchPage.Map(app);
        ReviewPage.Map(app);
        DashboardPage.Map(app, options);
        UsersPage.Map(app);
        QueueApi.Map(app);
        ReviewApi.Map(app, options);
        AdminApi.Map(app);
        RequestTimings.Map(app, timings);
        return app;
    }

    /// <summary>The address the started app listens on (its real port when asked for port 0).</summary>
    public static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
