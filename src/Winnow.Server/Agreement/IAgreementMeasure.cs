using Winnow.Server.Store;

namespace Winnow.Server.Agreement;

/// <summary>
/// The hook through which the annotation machinery's agreement measures (Cohen's κ per pair, Fleiss' κ,
/// Krippendorff's α, agreement with the consensus; Winnow.Annotation) reach the dashboard and
/// <c>GET /api/agreement</c>. The CLI wires the implementation in (<see cref="ServerOptions.Agreement"/>);
/// without one, the dashboard says that agreement is not available.
/// </summary>
public interface IAgreementMeasure
{
    AgreementSummary Measure(IReadOnlyList<LabelRow> rows);
}

/// <summary>Named figures: over all annotators (e.g. <c>fleiss_kappa</c>), per annotator, and per pair (<c>"ann|bob"</c>).</summary>
public sealed record AgreementSummary(
    IReadOnlyDictionary<string, double?> Overall,
    IReadOnlyDictionary<string, double?> PerAnnotator,
    IReadOnlyDictionary<string, double?> PerPair);
