using System.Security.Cryptography;
using System.Text;

namespace Winnow.Server.Store;

/// <summary>Personal tokens: 32 random bytes, base64url; the store keeps only their SHA-256.</summary>
public static class Tokens
{
    public static string New() => "wn_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
