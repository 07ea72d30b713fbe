using Winnow.Annotation.Prelabel;
using Winnow.Core.Records;
using Winnow.Core.Steps;

namespace Winnow.Annotation.Tests.Prelabel;

public sealed class ModelStepTests
{
    [Fact]
    public void Knn_HalfLabelled_AcceptsConfidentLabelsCorrectlyAndRoutesTheRest()
    {
        var (records, vectors) = FakeEmbeddings.Clusters(3, 60, seed: 11);
        var truth = records.ToDictionary(r => r.Id, r => r.Label);
        // Hide every second label: those are the records to pre-label.
        var input = records.Select((r, i) => i % 2 == 0 ? r : r with { Label = null }).ToList();
        var e = new FakeEmbeddings(vectors);
        var step = new ModelStep(new ModelOptions { Method = "knn", K = 5, AcceptThreshold = 0.8 }, StepHarness.Context("annotate.model"), () => e, null);
        var plan = step.Plan(new ListSource(input), default);
        var output = StepHarness.Run(plan, input);
        var accepted = output.Where(r => r.Meta.GetString("label_source") == "model").ToList();
        var routed = output.Where(r => r.Meta.GetString("label_route") == "human").ToList();
        Assert.Equal(90, accepted.Count + routed.Count);
        Assert.True(accepted.Count >= 60, $"accepted {accepted.Count}");
        Assert.True(accepted.Count(r => r.Label == truth[r.Id]) >= accepted.Count - 2);
        Assert.All(routed, r => { Assert.Null(r.Label); Assert.NotNull(r.Meta.GetString("suggested_label")); });
        Assert.All(accepted, r => Assert.True(r.Meta["label_confidence"].GetDouble() >= 0.8));
        var details = ((IStepDetails)plan).Details;
        Assert.Equal(45, details["calibration"]["held_out"]);
        Assert.Equal(accepted.Count, details["routing"]["accepted"]);
        Assert.NotNull(step.Report);
    }

    [Fact]
    public void ZeroShot_LabelDescriptions_PickTheNearestDescription()
    {
        var vectors = new Dictionary<string, float[]>
        {
            ["card"] = [1, 0], ["money"] = [0, 1], ["my card is late"] = [0.9f, 0.1f], ["send money"] = [0.2f, 0.8f],
        };
        var e = new FakeEmbeddings(vectors);
        var options = new ModelOptions
        {
            Method = "zero_shot", AcceptThreshold = 0, Calibration = "none",
            Labels = [new() { Name = "card_arrival", Description = "card" }, new() { Name = "transfer", Description = "money" }],
        };
        var input = new List<Record> { new() { Id = "1", Text = "my card is late" }, new() { Id = "2", Text = "send money" } };
        var output = StepHarness.Run(new ModelStep(options, StepHarness.Context("annotate.model"), () => e, null), input);
        Assert.Equal(["card_arrival", "transfer"], output.Select(r => r.Label));
    }

    [Fact]
    public void Temperature_OverconfidentLogits_FitsAboveOneAndLowersEce()
    {
        // Logits say 99.9% but the model is right 70% of the time.
        var logits = new List<double[]>();
        var labels = new List<int>();
        for (var i = 0; i < 100; i++) { logits.Add([7, 0]); labels.Add(i < 70 ? 0 : 1); }
        var t = Calibration.FitTemperature(logits, labels);
        Assert.True(t > 3, $"T = {t}");
        var before = Calibration.ExpectedCalibrationError([.. logits.Select((l, i) => (Calibration.Softmax(l, 1)[0], labels[i] == 0))]);
        var after = Calibration.ExpectedCalibrationError([.. logits.Select((l, i) => (Calibration.Softmax(l, t)[0], labels[i] == 0))]);
        Assert.True(before > 0.25 && after < 0.02, $"{before} → {after}");
    }

    [Fact]
    public void Isotonic_PoolAdjacentViolators_MatchesTheHandWorkedFit()
    {
        // Outcomes by confidence 0.1 … 0.6: 1, 0, 0, 1, 0, 1. PAV pools (0.1, 0.2, 0.3) → 1/3 and (0.4, 0.5) → 1/2, keeps 0.6 → 1.
        var fit = IsotonicCalibration.Fit([(0.1, true), (0.2, false), (0.3, false), (0.4, true), (0.5, false), (0.6, true)]);
        var points = fit.Points;
        Assert.Equal(3, points.Count);
        Assert.Equal(0.2, points[0].Confidence, 10);
        Assert.Equal(1 / 3.0, points[0].Calibrated, 10);
        Assert.Equal(0.45, points[1].Confidence, 10);
        Assert.Equal(0.5, points[1].Calibrated, 10);
        Assert.Equal(1.0, points[2].Calibrated, 10);
        Assert.Equal(1 / 3.0, fit.Apply(0.05), 10);               // clipped below
        Assert.Equal(1 / 3.0 + (0.3 - 0.2) / 0.25 * (0.5 - 1 / 3.0), fit.Apply(0.3), 10); // linear between points
        Assert.Equal(1.0, fit.Apply(0.99), 10);                    // clipped above
    }

    [Fact]
    public void Isotonic_OverconfidentModel_LowersEceOnHeldOutData()
    {
        // The model says c, but is right with probability c²: overconfident everywhere except at the ends.
        var random = new Random(5);
        List<(double, bool)> Sample(int n) => [.. Enumerable.Range(0, n).Select(_ => { var c = 0.3 + 0.7 * random.NextDouble(); return (c, random.NextDouble() < c * c); })];
        var fitSet = Sample(2000);
        var held = Sample(2000);
        var iso = IsotonicCalibration.Fit(fitSet);
        var before = Calibration.ExpectedCalibrationError(held);
        var after = Calibration.ExpectedCalibrationError([.. held.Select(h => (iso.Apply(h.Item1), h.Item2))]);
        Assert.True(before > 0.1 && after < 0.04, $"{before} → {after}");
    }

    [Fact]
    public void Knn_IsotonicCalibration_ReportsEceAndAcceptsOnlyAboveTheThreshold()
    {
        var (records, vectors) = FakeEmbeddings.Clusters(3, 60, seed: 11);
        var input = records.Select((r, i) => i % 2 == 0 ? r : r with { Label = null }).ToList();
        var e = new FakeEmbeddings(vectors);
        var step = new ModelStep(new ModelOptions { K = 5, AcceptThreshold = 0.8, Calibration = "isotonic" }, StepHarness.Context("annotate.model"), () => e, null);
        var output = StepHarness.Run(step, input);
        Assert.NotNull(step.Report);
        Assert.Equal(45, step.Report!.HeldOut);
        Assert.True(step.Report.EceAfter <= step.Report.EceBefore + 0.05, $"{step.Report.EceBefore} → {step.Report.EceAfter}");
        Assert.All(output.Where(r => r.Meta.GetString("label_source") == "model"), r => Assert.True(r.Meta["label_confidence"].GetDouble() >= 0.8));
        Assert.All(output.Where(r => r.Meta.GetString("label_route") == "human"), r => Assert.True(r.Meta["label_confidence"].GetDouble() < 0.8));
    }

    [Fact]
    public void Ece_PerfectlyCalibratedBins_IsZero()
    {
        var predictions = new List<(double, bool)>();
        for (var i = 0; i < 10; i++) predictions.Add((0.8, i < 8));
        Assert.Equal(0, Calibration.ExpectedCalibrationError(predictions), 10);
    }

    private sealed class ListSource(IReadOnlyList<Record> records) : IRecordSource
    {
        public long? Count => records.Count;
        public IEnumerable<Record> Read(CancellationToken cancellationToken = default) => records;
    }
}
