using System.Security.Cryptography;
using System.Text;
using RegioLab.Sim.Contracts;

namespace RegioLab.Sim.Silo.Grains;

/// <summary>Join codes, keys and tokens: made from a cryptographic generator; keys and tokens are kept only as hashes.</summary>
internal static class Secrets
{
    public static string NewCode() => RandomNumberGenerator.GetString(JoinCodes.Alphabet, JoinCodes.Length);

    /// <summary>A 256-bit secret, URL-safe.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A short random id (not a secret).</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>The stored form of a high-entropy key: SHA-256 (a slow hash adds nothing for 256-bit random keys).</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool Matches(string key, string hash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(hash));
}
