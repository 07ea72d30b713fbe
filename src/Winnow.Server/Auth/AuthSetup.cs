using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Winnow.Server.Store;

namespace Winnow.Server.Auth;

/// <summary>
/// Who may come in and what they may do: a bearer token (scripts) or a cookie session after signing in with
/// the same token (the page); one policy per role; rate-limited sign-in; anti-forgery on every unsafe
/// request that a cookie authenticates.
/// </summary>
internal static class AuthSetup
{
    public const string Smart = "smart";
    public const string SignInLimit = "signin";
    public const string CsrfHeader = "X-CSRF-TOKEN";

    public static void AddWinnowAuth(this IServiceCollection services, ServerOptions options)
    {
        var dp = services.AddDataProtection().SetApplicationName("winnow-annotate");
        if (options.KeysFolder is not null) dp.PersistKeysToFileSystem(new DirectoryInfo(options.KeysFolder));

        services.AddAuthentication(Smart)
            .AddPolicyScheme(Smart, Smart, o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? BearerTokenHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddCookie(o =>
            {
                o.Cookie.Name = "winnow_session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = options.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.LoginPath = "/signin";
                o.Events.OnRedirectToLogin = ctx => Deny(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => Deny(ctx, StatusCodes.Status403Forbidden);
                // A deactivated person's session ends at their next request.
                o.Events.OnValidatePrincipal = async ctx =>
                {
                    var store = ctx.HttpContext.RequestServices.GetRequiredService<LabelStore>();
                    var who = ctx.Principal is null ? null : await store.AnnotatorAsync(ctx.Principal.Id());
                    if (who is null || !who.Active || who.Role != ctx.Principal!.Role()) ctx.RejectPrincipal();
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Annotator, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.AtLeast(Roles.Annotator)))
            .AddPolicy(Roles.Reviewer, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.AtLeast(Roles.Reviewer)))
            .AddPolicy(Roles.Admin, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.AtLeast(Roles.Admin)));

        services.AddAntiforgery(o =>
        {
            o.HeaderName = CsrfHeader;
            o.Cookie.Name = "winnow_csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = options.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }

    private static Task Deny(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || status == StatusCodes.Status403Forbidden)
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect("/signin");
        return Task.CompletedTask;
    }

    /// <summary>
    /// Every POST, PUT, PATCH or DELETE that is not authenticated by a bearer token (a browser: a form, or the
    /// page's script) must carry the anti-forgery token, in the form or the X-CSRF-TOKEN header.
    /// </summary>
    public static IApplicationBuilder UseCsrfCheck(this IApplicationBuilder app) =>
        app.Use(async (ctx, next) =>
        {
            var unsafeMethod = !(HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method) || HttpMethods.IsOptions(ctx.Request.Method));
            var bearer = ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
            if (unsafeMethod && !bearer)
            {
                var antiforgery = ctx.RequestServices.GetRequiredService<IAntiforgery>();
                try
                {
                    await antiforgery.ValidateRequestAsync(ctx);
                }
                catch (AntiforgeryValidationException)
                {
                    ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
                    await ctx.Response.WriteAsJsonAsync(new { error = "missing or invalid anti-forgery token" });
                    return;
                }
            }
            await next(ctx);
        });
}
