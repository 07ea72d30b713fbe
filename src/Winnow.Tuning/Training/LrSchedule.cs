namespace Winnow.Tuning.Training;

/// <summary>
/// The learning-rate multiplier at an optimizer step, as transformers' get_linear/cosine_schedule_with_warmup:
/// a linear warm-up from 0 over <c>warmup</c> steps, then linear decay to 0 at <c>total</c>, half a cosine, or constant.
/// </summary>
public sealed record LrSchedule(ScheduleKind Kind, int WarmupSteps, int TotalSteps)
{
    public static LrSchedule From(ScheduleOptions o, int totalSteps) =>
        new(o.Type, o.WarmupSteps ?? (int)Math.Ceiling(o.WarmupRatio * totalSteps), totalSteps);

    /// <summary>Multiplier for the update made at <paramref name="step"/> (0-based count of updates already made).</summary>
    public double Factor(int step)
    {
        if (step < WarmupSteps) return (double)step / Math.Max(1, WarmupSteps);
        if (Kind == ScheduleKind.Constant) return 1.0;
        double progress = (double)(step - WarmupSteps) / Math.Max(1, TotalSteps - WarmupSteps);
        return Kind == ScheduleKind.Linear
            ? Math.Max(0.0, 1.0 - progress)
            : Math.Max(0.0, 0.5 * (1.0 + Math.Cos(Math.PI * progress)));
    }
}
