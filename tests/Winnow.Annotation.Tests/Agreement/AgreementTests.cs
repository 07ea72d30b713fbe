using System.Collections.Immutable;
using Winnow.Annotation.Agreement;
using Winnow.Core.Records;

namespace Winnow.Annotation.Tests.Agreement;

public sealed class AgreementTests
{
    // Cohen's κ, the worked example of Wikipedia's "Cohen's kappa" (50 grant proposals, two readers):
    // both yes 20, A yes/B no 5, A no/B yes 10, both no 15 → p_o = 0.70, p_e = 0.50, κ = 0.40.
    [Fact]
    public void Cohen_WikipediaGrantProposals_IsPoint4()
    {
        var a = new List<int>();
        var b = new List<int>();
        void Add(int n, int x, int y) { for (var i = 0; i < n; i++) { a.Add(x); b.Add(y); } }
        Add(20, 0, 0); Add(5, 0, 1); Add(10, 1, 0); Add(15, 1, 1);
        var (kappa, observed, items) = Kappa.Cohen(a, b, 2);
        Assert.Equal(50, items);
        Assert.Equal(0.70, observed, 10);
        Assert.Equal(0.40, kappa, 10);
    }

    // Fleiss' κ, the worked example of Wikipedia's "Fleiss' kappa" (10 subjects, 14 raters, 5 categories):
    // P̄ = 0.378, P̄_e = 0.213, κ = 0.210.
    [Fact]
    public void Fleiss_WikipediaFourteenRaters_IsPoint210()
    {
        int[][] table =
        [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ];
        var (kappa, observed, expected, items) = Kappa.Fleiss(table);
        Assert.Equal(10, items);
        Assert.Equal(0.378, observed, 3);
        Assert.Equal(0.213, expected, 3);
        Assert.Equal(0.210, kappa, 3);
    }

    // Krippendorff's own example ("Computing Krippendorff's Alpha-Reliability", 2011, section C): 4 observers,
    // 12 units, values 1–5 with missing data; nominal α = 0.743.
    [Fact]
    public void KrippendorffAlpha_KrippendorffsExample_IsPoint743()
    {
        string?[][] observers =
        [
            ["1", "2", "3", "3", "2", "1", "4", "1", "2", null, null, null],
            ["1", "2", "3", "3", "2", "2", "4", "1", "2", "5", null, "3"],
            [null, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", null],
            ["1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", null],
        ];
        var rows = new List<AnnotationRow>();
        for (var o = 0; o < observers.Length; o++)
            for (var u = 0; u < 12; u++)
                if (observers[o][u] is { } v) rows.Add(new AnnotationRow($"u{u + 1:00}", $"obs{o}", v));
        var report = AgreementReport.Compute(rows);
        Assert.Equal(0.743, report.KrippendorffAlpha!.Value, 3);
    }

    [Fact]
    public void Compute_PerfectAgreement_KappasAreOneAndEveryoneAgreesWithConsensus()
    {
        var rows = new List<AnnotationRow>();
        foreach (var (item, label) in new[] { ("1", "a"), ("2", "b"), ("3", "a"), ("4", "c") })
            foreach (var who in new[] { "x", "y", "z" }) rows.Add(new AnnotationRow(item, who, label));
        var report = AgreementReport.Compute(rows);
        Assert.Equal(1.0, report.FleissKappa);
        Assert.Equal(1.0, report.KrippendorffAlpha);
        Assert.All(report.Pairs, p => Assert.Equal(1.0, p.CohenKappa));
        Assert.All(report.PerAnnotator, a => Assert.Equal(1.0, a.WithConsensus));
    }

    [Fact]
    public void Compute_OneDissenter_HasLowerConsensusAgreementThanTheOthers()
    {
        var rows = new List<AnnotationRow>();
        for (var i = 0; i < 10; i++)
        {
            var label = i % 2 == 0 ? "pos" : "neg";
            rows.Add(new AnnotationRow($"{i}", "good1", label));
            rows.Add(new AnnotationRow($"{i}", "good2", label));
            rows.Add(new AnnotationRow($"{i}", "noisy", i < 5 ? label : (label == "pos" ? "neg" : "pos")));
        }
        var report = AgreementReport.Compute(rows);
        var noisy = report.PerAnnotator.Single(a => a.Annotator == "noisy");
        Assert.Equal(0.5, noisy.WithConsensus);
        Assert.Equal(1.0, report.Pairs.Single(p => p.A == "good1" && p.B == "good2").CohenKappa);
    }

    [Fact]
    public void SpanF1_ExactAndOverlap_CountMatchedSpans()
    {
        ImmutableArray<TextSpan> a = [new(0, 5, "person"), new(10, 20, "location")];
        ImmutableArray<TextSpan> b = [new(0, 5, "person"), new(12, 20, "location"), new(30, 35, "product")];
        // exact: 1 match of 5 spans → 2/5; overlap: 2 matches → 4/5.
        Assert.Equal(0.4, SpanAgreement.F1([a], [b], overlap: false), 10);
        Assert.Equal(0.8, SpanAgreement.F1([a], [b], overlap: true), 10);
    }

    [Fact]
    public void Compute_SpanRows_ReportsPairwiseSpanF1()
    {
        var rows = new List<AnnotationRow>
        {
            new("s1", "ann1", null, [new(0, 4, "person")]),
            new("s1", "ann2", null, [new(0, 6, "person")]),
        };
        var pair = Assert.Single(AgreementReport.Compute(rows).Pairs);
        Assert.Equal(0.0, pair.SpanF1Exact);
        Assert.Equal(1.0, pair.SpanF1Overlap);
    }

    [Fact]
    public void Read_RowWithoutAnnotator_NamesFileLineAndField()
    {
        var path = Path.GetTempFileName();
        File.WriteAllLines(path, ["{\"item\":1,\"annotator\":\"a\",\"label\":\"x\"}", "{\"item\":2,\"label\":\"x\"}"]);
        var e = Assert.Throws<Winnow.Core.InputException>(() => AnnotationRows.Read(path));
        File.Delete(path);
        Assert.Equal(2, e.Line);
        Assert.Equal("annotator", e.Field);
    }
}
