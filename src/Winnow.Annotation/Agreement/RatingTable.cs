namespace Winnow.Annotation.Agreement;

/// <summary>
/// Rows as a matrix: items × annotators → label index (−1: not labelled). Items, annotators and labels in
/// ordinal order, so every figure is the same whatever the row order. When an annotator labels an item twice,
/// the last row counts.
/// </summary>
public sealed class RatingTable
{
    public RatingTable(IEnumerable<AnnotationRow> rows)
    {
        var list = rows.Where(r => r.Label is not null).ToList();
        Items = [.. list.Select(r => r.Item).Distinct().Order(StringComparer.Ordinal)];
        Annotators = [.. list.Select(r => r.Annotator).Distinct().Order(StringComparer.Ordinal)];
        Labels = [.. list.Select(r => r.Label!).Distinct().Order(StringComparer.Ordinal)];
        var item = Index(Items);
        var annotator = Index(Annotators);
        var label = Index(Labels);
        Ratings = new int[Items.Count, Annotators.Count];
        for (var i = 0; i < Items.Count; i++)
            for (var a = 0; a < Annotators.Count; a++) Ratings[i, a] = -1;
        foreach (var r in list) Ratings[item[r.Item], annotator[r.Annotator]] = label[r.Label!];
    }

    public IReadOnlyList<string> Items { get; }
    public IReadOnlyList<string> Annotators { get; }
    public IReadOnlyList<string> Labels { get; }
    /// <summary>[item, annotator] → label index, or −1.</summary>
    public int[,] Ratings { get; }

    /// <summary>Per item, how many annotators chose each label: [item][label].</summary>
    public int[][] Counts()
    {
        var counts = new int[Items.Count][];
        for (var i = 0; i < Items.Count; i++)
        {
            counts[i] = new int[Labels.Count];
            for (var a = 0; a < Annotators.Count; a++)
                if (Ratings[i, a] >= 0) counts[i][Ratings[i, a]]++;
        }
        return counts;
    }

    private static Dictionary<string, int> Index(IReadOnlyList<string> values)
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++) d[values[i]] = i;
        return d;
    }
}
