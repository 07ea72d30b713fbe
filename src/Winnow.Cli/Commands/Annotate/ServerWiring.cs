using Winnow.Server.Agreement;

namespace Winnow.Cli.Commands.Annotate;

/// <summary>
/// What the composition root plugs into the web app. <see cref="Agreement"/> is the hook for the annotation
/// machinery's agreement measures (Winnow.Annotation): set it to its <see cref="IAgreementMeasure"/> and the
/// dashboard and <c>GET /api/agreement</c> show Cohen's κ, Fleiss' κ and Krippendorff's α.
/// </summary>
internal static class ServerWiring
{
    public static IAgreementMeasure? Agreement => null;
}
