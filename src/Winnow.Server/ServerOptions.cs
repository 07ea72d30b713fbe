using Winnow.Server.Agreement;

namespace Winnow.Server;

/// <summary>How <c>winnow annotate serve</c> runs.</summary>
public sealed record ServerOptions
{
    /// <summary>Listen address; default 127.0.0.1 (use 0.0.0.0 behind a TLS proxy for a team).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Port; default 5080; 0 picks a free one.</summary>
    public int Port { get; init; } = 5080;

    /// <summary>Sign-in attempts per client address per minute (default 10); the rest get 429.</summary>
    public int SignInPerMinute { get; init; } = 10;

    /// <summary>Cookies only over HTTPS (set when the app sits behind a TLS proxy).</summary>
    public bool SecureCookies { get; init; }

    /// <summary>Agreement measures for the dashboard; null until the annotation machinery is wired in.</summary>
    public IAgreementMeasure? Agreement { get; init; }

    /// <summary>Where sign-in cookie keys are kept so sessions survive a restart; null keeps them in memory.</summary>
    public string? KeysFolder { get; init; }
}
