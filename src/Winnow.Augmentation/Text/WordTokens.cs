namespace Winnow.Augmentation.Text;

/// <summary>One piece of a text: a word (letters, maybe joined by an apostrophe or hyphen) or what lies between words.</summary>
public readonly record struct Token(int Start, int Length, bool IsWord)
{
    public string Of(string text) => text.Substring(Start, Length);
}

/// <summary>
/// Splits a text into words and the gaps between them, so an augmenter can change words and put the text back
/// together with its spacing and punctuation as they were.
/// </summary>
public static class WordTokens
{
    public static List<Token> Split(string text)
    {
        var tokens = new List<Token>(text.Length / 4 + 1);
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (char.IsLetter(text[i]))
            {
                i++;
                while (i < text.Length && (char.IsLetter(text[i]) || IsJoiner(text, i))) i++;
                tokens.Add(new Token(start, i - start, true));
            }
            else
            {
                while (i < text.Length && !char.IsLetter(text[i])) i++;
                tokens.Add(new Token(start, i - start, false));
            }
        }
        return tokens;
    }

    /// <summary>An apostrophe or hyphen between two letters (don't, e-mail).</summary>
    private static bool IsJoiner(string text, int i) =>
        text[i] is '\'' or '’' or '-' && i + 1 < text.Length && char.IsLetter(text[i + 1]) && i > 0 && char.IsLetter(text[i - 1]);

    /// <summary>Whether the word at token <paramref name="index"/> starts a sentence (first word, or after . ! ? or a line break).</summary>
    public static bool StartsSentence(string text, List<Token> tokens, int index)
    {
        for (var k = index - 1; k >= 0; k--)
        {
            if (tokens[k].IsWord) return false;
            var gap = text.AsSpan(tokens[k].Start, tokens[k].Length).TrimEnd(" \t\"'“‘(");
            if (gap.Length == 0) continue;
            return gap[^1] is '.' or '!' or '?' or '\n' or ':';
        }
        return true;
    }

    /// <summary>Whether a digit touches the word (5pm, A4): such words are codes, not words to replace.</summary>
    public static bool TouchesDigit(string text, Token t) =>
        (t.Start > 0 && char.IsDigit(text[t.Start - 1])) || (t.Start + t.Length < text.Length && char.IsDigit(text[t.Start + t.Length]));
}
