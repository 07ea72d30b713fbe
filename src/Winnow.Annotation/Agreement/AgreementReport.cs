using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Winnow.Core.Records;

namespace Winnow.Annotation.Agreement;

/// <summary>Cohen's κ (and raw agreement) of one annotator pair, over the items both labelled.</summary>
public sealed record PairAgreement(
    [property: JsonPropertyName("a")] string A,
    [property: JsonPropertyName("b")] string B,
    [property: JsonPropertyName("items")] int Items,
    [property: JsonPropertyName("observed")] double? Observed,
    [property: JsonPropertyName("cohen_kappa")] double? CohenKappa,
    [property: JsonPropertyName("span_f1_exact")] double? SpanF1Exact = null,
    [property: JsonPropertyName("span_f1_overlap")] double? SpanF1Overlap = null);

/// <summary>How often an annotator agrees with the majority of the <i>other</i> annotators of the same items.</summary>
public sealed record AnnotatorAgreement(
    [property: JsonPropertyName("annotator")] string Annotator,
    [property: JsonPropertyName("items")] int Items,
    [property: JsonPropertyName("agreement_with_consensus")] double? WithConsensus);

/// <summary><c>winnow annotate agreement</c>'s figures (schema <c>winnow.agreement/1</c>).</summary>
public sealed record AgreementReport(
    [property: JsonPropertyName("schema")] string Schema,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("items")] int Items,
    [property: JsonPropertyName("annotators")] int Annotators,
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels,
    [property: JsonPropertyName("fleiss_kappa")] double? FleissKappa,
    [property: JsonPropertyName("krippendorff_alpha")] double? KrippendorffAlpha,
    [property: JsonPropertyName("pairs")] IReadOnlyList<PairAgreement> Pairs,
    [property: JsonPropertyName("per_annotator")] IReadOnlyList<AnnotatorAgreement> PerAnnotator)
{
    public static AgreementReport Compute(IReadOnlyList<AnnotationRow> rows)
    {
        rows = [.. rows.Where(r => !r.IsPrediction)]; // machines' proposals are not judgements
        var table = new RatingTable(rows);
        var counts = table.Counts();
        var spans = SpanTable(rows);
        var pairs = new List<PairAgreement>();
        var annotators = table.Annotators.Union(spans.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        for (var x = 0; x < annotators.Count; x++)
            for (var y = x + 1; y < annotators.Count; y++)
                pairs.Add(Pair(table, spans, annotators[x], annotators[y]));
        var fleiss = Kappa.Fleiss(counts);
        var alpha = Agreement.KrippendorffAlpha.Nominal(counts);
        return new AgreementReport("winnow.agreement/1", rows.Count,
            rows.Select(r => r.Item).Distinct().Count(), annotators.Count, table.Labels,
            Num(fleiss.Kappa), Num(alpha.Alpha), pairs, Consensus(table, counts));
    }

    private static PairAgreement Pair(RatingTable t, Dictionary<string, Dictionary<string, ImmutableArray<TextSpan>>> spans, string a, string b)
    {
        int ia = Find(t.Annotators, a), ib = Find(t.Annotators, b);
        var (kappa, observed, items) = ia < 0 || ib < 0 ? (double.NaN, double.NaN, 0)
            : Kappa.Cohen(Column(t, ia), Column(t, ib), t.Labels.Count);
        double? exact = null, overlap = null;
        if (spans.TryGetValue(a, out var sa) && spans.TryGetValue(b, out var sb))
        {
            var shared = sa.Keys.Where(sb.ContainsKey).Order(StringComparer.Ordinal).ToList();
            var la = shared.Select(i => sa[i]).ToList();
            var lb = shared.Select(i => sb[i]).ToList();
            if (shared.Count > 0)
            {
                exact = Math.Round(SpanAgreement.F1(la, lb, overlap: false), 6);
                overlap = Math.Round(SpanAgreement.F1(la, lb, overlap: true), 6);
                items = Math.Max(items, shared.Count);
            }
        }
        return new PairAgreement(a, b, items, Num(observed), Num(kappa), exact, overlap);
    }

    private static List<AnnotatorAgreement> Consensus(RatingTable t, int[][] counts)
    {
        var result = new List<AnnotatorAgreement>();
        for (var a = 0; a < t.Annotators.Count; a++)
        {
            int items = 0, agree = 0;
            for (var i = 0; i < t.Items.Count; i++)
            {
                var own = t.Ratings[i, a];
                if (own < 0) continue;
                // The others' votes: this item's counts without the annotator's own.
                var others = (int[])counts[i].Clone();
                others[own]--;
                var top = others.Max();
                if (top == 0) continue;
                items++;
                if (others[own] == top) agree++;
            }
            result.Add(new AnnotatorAgreement(t.Annotators[a], items, items == 0 ? null : Math.Round(agree / (double)items, 6)));
        }
        return result;
    }

    private static Dictionary<string, Dictionary<string, ImmutableArray<TextSpan>>> SpanTable(IEnumerable<AnnotationRow> rows)
    {
        var d = new Dictionary<string, Dictionary<string, ImmutableArray<TextSpan>>>(StringComparer.Ordinal);
        foreach (var r in rows.Where(r => r.HasSpans))
        {
            if (!d.TryGetValue(r.Annotator, out var byItem)) d[r.Annotator] = byItem = new(StringComparer.Ordinal);
            byItem[r.Item] = r.Spans;
        }
        return d;
    }

    private static int[] Column(RatingTable t, int a)
    {
        var c = new int[t.Items.Count];
        for (var i = 0; i < c.Length; i++) c[i] = t.Ratings[i, a];
        return c;
    }

    private static int Find(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == value) return i;
        return -1;
    }

    private static double? Num(double v) => double.IsNaN(v) ? null : Math.Round(v, 6);
}
