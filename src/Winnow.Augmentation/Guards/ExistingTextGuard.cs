using System.IO.Hashing;
using System.Text;
using Winnow.Core.Records;
using Winnow.Core.Text;

namespace Winnow.Augmentation.Guards;

/// <summary>
/// Drops a variant whose text (case and spacing ignored) is already a record's (<c>duplicate_of_existing</c>), from the
/// 64-bit hashes of the existing texts (<see cref="Hash"/>). Stateless while it checks, so a variant's fate does not
/// depend on which batch or shard it ran in; duplicates among variants of different parents are a later
/// <c>dedup.exact</c>'s job.
/// </summary>
public sealed class ExistingTextGuard(IReadOnlySet<ulong> existing) : IVariantGuard
{
    public Task<IReadOnlyList<GuardDrop?>> CheckAsync(IReadOnlyList<(string Source, Record Variant)> pairs, CancellationToken cancellationToken = default)
    {
        var result = new GuardDrop?[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
            if (existing.Contains(Hash(pairs[i].Variant.ContentText)))
                result[i] = new GuardDrop("duplicate_of_existing", "the same text is already a record");
        return Task.FromResult<IReadOnlyList<GuardDrop?>>(result);
    }

    /// <summary>XxHash64 of the text lower-cased with runs of white space as one space.</summary>
    public static ulong Hash(string text) => XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(TextKey.Folded(text)));
}
