using Winnow.Core.Records;

namespace Winnow.Core.IO;

/// <summary>Where a source record sits: the file as the user named it (relative to the recipe) and its 1-based line.</summary>
public readonly record struct SourceLocation(string File, long Line)
{
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>
/// One unparsed record from a source, read in order. Reading is sequential; <see cref="Parse"/> is
/// thread-safe and is called on many items in parallel, so the costly part (JSON, field mapping) scales
/// with cores. <see cref="Parse"/> throws <see cref="InputException"/> for a malformed item.
/// </summary>
public abstract class SourceItem(SourceLocation location)
{
    public SourceLocation Location { get; } = location;

    public abstract Record Parse();

    /// <summary>The raw text of the item, for a reject entry (cut to a few KB by the caller).</summary>
    public abstract string Raw { get; }

    /// <summary>How many source bytes the item holds, when the reader knows (a line's); 0 otherwise. Chunks are cut by it too.</summary>
    public virtual int Bytes => 0;
}

/// <summary>A source item that is already a record (plain text, generated records, spills).</summary>
public sealed class ParsedItem(SourceLocation location, Record record) : SourceItem(location)
{
    public override Record Parse() => record;
    public override string Raw => record.ContentText;
}
