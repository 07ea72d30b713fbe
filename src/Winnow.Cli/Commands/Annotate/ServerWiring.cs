using Winnow.Annotation.Agreement;
using Winnow.Server.Agreement;
using Winnow.Server.Store;

namespace Winnow.Cli.Commands.Annotate;

/// <summary>
/// What the composition root plugs into the web app: the annotation machinery's agreement measures
/// (<see cref="AgreementReport"/>: Cohen's κ per pair, Fleiss' κ, Krippendorff's α, agreement with the
/// consensus) behind the server's <see cref="IAgreementMeasure"/> hook, for the dashboard and <c>GET /api/agreement</c>.
/// </summary>
internal static class ServerWiring
{
    public static IAgreementMeasure? Agreement { get; } = new AnnotationAgreement();

    private sealed class AnnotationAgreement : IAgreementMeasure
    {
        public AgreementSummary Measure(IReadOnlyList<LabelRow> rows)
        {
            var report = AgreementReport.Compute([.. rows.Select(r => new AnnotationRow(r.Item, r.Annotator, r.Label))]);
            return new AgreementSummary(
                new Dictionary<string, double?> { ["fleiss_kappa"] = report.FleissKappa, ["krippendorff_alpha"] = report.KrippendorffAlpha },
                report.PerAnnotator.ToDictionary(a => a.Annotator, a => a.WithConsensus),
                report.Pairs.ToDictionary(p => $"{p.A} | {p.B}", p => p.CohenKappa));
        }
    }
}
