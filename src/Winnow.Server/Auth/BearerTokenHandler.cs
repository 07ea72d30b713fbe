using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Winnow.Server.Store;

namespace Winnow.Server.Auth;

/// <summary><c>Authorization: Bearer TOKEN</c> with a personal token: the scripts' way in.</summary>
internal sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, LabelStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var who = await store.FindByTokenAsync(header["Bearer ".Length..].Trim());
        if (who is null) return AuthenticateResult.Fail("unknown or revoked token");
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(Identity.Of(who, SchemeName)), SchemeName));
    }
}

/// <summary>The claims of a signed-in person, the same whichever way they came in.</summary>
internal static class Identity
{
    public const string IdClaim = "winnow:id";

    public static ClaimsIdentity Of(Annotator who, string scheme) =>
        new([new Claim(IdClaim, who.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Name, who.Name), new Claim(ClaimTypes.Role, who.Role)],
            scheme, ClaimTypes.Name, ClaimTypes.Role);

    public static long Id(this ClaimsPrincipal user) => long.Parse(user.FindFirstValue(IdClaim)!, System.Globalization.CultureInfo.InvariantCulture);

    public static string Name(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Name)!;

    public static string Role(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role)!;

    public static bool AtLeast(this ClaimsPrincipal user, string role) => Roles.Rank(user.FindFirstValue(ClaimTypes.Role) ?? "") >= Roles.Rank(role);
}
