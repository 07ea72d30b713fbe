using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;

namespace Winnow.Server.Web;

/// <summary>
/// Markup that is safe to send. <c>Html.Of($"…{value}…")</c> HTML-encodes every interpolated value except
/// another <see cref="Html"/>, so dataset text, label names, people's names and comments are escaped by
/// default; only literal markup written here is raw.
/// </summary>
public readonly record struct Html(string Value)
{
    public static readonly Html Empty = new("");

    public static Html Of([InterpolatedStringHandlerArgument] ref HtmlHandler handler) => new(handler.ToStringAndClear());

    public static Html Join(IEnumerable<Html> parts) => new(string.Concat(parts.Select(p => p.Value)));

    public static Html Join<T>(IEnumerable<T> items, Func<T, Html> each) => Join(items.Select(each));

    public static Html When(bool condition, Html html) => condition ? html : Empty;

    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public override string ToString() => Value;
}

[InterpolatedStringHandler]
public ref struct HtmlHandler
{
    private readonly StringBuilder _sb;

    public HtmlHandler(int literalLength, int formattedCount) => _sb = new StringBuilder(literalLength + formattedCount * 16);

    public readonly void AppendLiteral(string s) => _sb.Append(s);

    public readonly void AppendFormatted(Html html) => _sb.Append(html.Value);

    public readonly void AppendFormatted(string? text) => _sb.Append(HtmlEncoder.Default.Encode(text ?? ""));

    public readonly void AppendFormatted<T>(T value) =>
        _sb.Append(HtmlEncoder.Default.Encode(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));

    public readonly void AppendFormatted<T>(T value, string? format) where T : IFormattable =>
        _sb.Append(HtmlEncoder.Default.Encode(value.ToString(format, CultureInfo.InvariantCulture)));

    public readonly string ToStringAndClear()
    {
        var s = _sb.ToString();
        _sb.Clear();
        return s;
    }
}
