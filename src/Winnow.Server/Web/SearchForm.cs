using System.Globalization;
using Microsoft.AspNetCore.Http;
using Winnow.Server.Store;

namespace Winnow.Server.Web;

/// <summary>A search from query-string or form fields: text, label, suggestion, min, max, issue (yes|no), cluster.</summary>
internal static class SearchForm
{
    public static SearchQuery Parse(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> fields)
    {
        var f = fields.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        string? Get(string k) => f.TryGetValue(k, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        double? Number(string k) => double.TryParse(Get(k), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
        return new SearchQuery(
            Text: Get("text"), Label: Get("label"), Suggestion: Get("suggestion"), MinConfidence: Number("min"), MaxConfidence: Number("max"),
            LabelIssue: Get("issue") switch { "yes" or "true" => true, "no" or "false" => false, _ => null },
            Cluster: Get("cluster"), Limit: int.TryParse(Get("limit"), out var l) ? l : 200);
    }
}
