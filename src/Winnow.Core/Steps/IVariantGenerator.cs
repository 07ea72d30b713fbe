namespace Winnow.Core.Steps;

/// <summary>
/// Marks the options of a step that makes variants of the records it is given (the augmenters: each kept record may
/// gain variants after it, naming it as their parent). <c>balance</c> with <c>strategy: target</c> accepts only such
/// steps in its <c>fill</c>: it runs them on the records of the classes below target and keeps as many variants as
/// each class needs.
/// </summary>
public interface IVariantGenerator;

/// <summary>
/// The synthetic share cap shared by every step that adds derived records to a class (<c>synthesize</c>'s class mode,
/// <c>balance</c>'s target fill): at most <c>share</c> of a class's records may be derived, so a class of
/// <c>real</c> records gets at most ⌊share × real ÷ (1 − share)⌋ derived ones, however far below target it is.
/// </summary>
public static class SyntheticShare
{
    /// <summary>Most derived records a class of <paramref name="real"/> real records may hold at <paramref name="share"/> (0–0.9).</summary>
    public static int Cap(int real, double share) => (int)Math.Floor(share * real / (1 - share) + 1e-9);

    /// <summary>How many derived records a class of <paramref name="real"/> records may get towards <paramref name="target"/>.</summary>
    public static int Quota(int real, int target, double share) => Math.Min(Math.Max(0, target - real), Cap(real, share));
}
