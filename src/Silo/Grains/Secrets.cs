using System.Security.Cryptography;
using System.Text;

namespace RegioLab.Sim.Silo.Grains;

/// <summary>Join codes, keys and tokens: made from a cryptographic generator; keys and tokens are kept only as hashes.</summary>
internal static class Secrets
{
    /// <summary>Letters and digits nobody mixes up when reading them off a projector (no 0/O, 1/I/L).</summary>
    public const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public const int CodeLength = 6;

    public static string NewCode() => RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);

    /// <summary>A 256-bit secret, URL-safe.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A short random id (not a secret).</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>The stored form of a high-entropy key: SHA-256 (a slow hash adds nothing for 256-bit random keys).</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool Matches(string key, string hash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(hash));
}
