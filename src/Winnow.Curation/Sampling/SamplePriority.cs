using Winnow.Core.Records;

namespace Winnow.Curation.Sampling;

/// <summary>A record's seeded random priority in [0, 1): a hash of the step seed and where the record came from
/// (<see cref="RecordOrigin"/>), so the same run draws the same sample on any number of cores or shards.</summary>
internal static class SamplePriority
{
    public static double Of(long seed, Record record) => RecordOrigin.Uniform(seed, record);
}
