using System.IO.Hashing;
using System.Text;

namespace Winnow.Augmentation.Structured;

/// <summary>
/// Seeds sent with chat requests, derived from the step's seed and what the request is about (a record's id, a label
/// and a request number), so the same input asks the same question (and hits the cache) in every run.
/// </summary>
public static class RequestSeeds
{
    public static long For(long seed, string key) =>
        (long)(XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(key), seed) & 0x7FFF_FFFF); // servers take a 32-bit seed

    /// <summary>16 hex digits naming a prompt in provenance (<c>synthesize.class from prompt 3f2a…</c>).</summary>
    public static string PromptHash(string prompt) => XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(prompt)).ToString("x16");
}
