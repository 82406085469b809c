using System.Security.Cryptography;
using System.Text;

namespace EduDuty.Application.Security.Tokens;

/// <summary>
/// The form of a token's secret: <c>edt_</c> and 32 random bytes in base64url (43 characters), 47 in all. Only its SHA-256 is
/// stored; a presented secret is hashed the same way and looked up by that hash.
/// </summary>
public static class ApiTokenSecrets
{
    public const string Marker = "edt_";

    public const int RandomBytes = 32;

    /// <summary>Length of a secret: the marker and the base64url of the random bytes (no padding).</summary>
    public const int Length = 4 + 43;

    /// <summary>How many characters of a secret are kept to recognise it by (“edt_AbC3xY9q”).</summary>
    public const int PrefixLength = 12;

    public static (string Secret, string Hash, string Prefix) New()
    {
        var secret = Marker + Base64Url(RandomNumberGenerator.GetBytes(RandomBytes));
        return (secret, HashOf(secret), secret[..PrefixLength]);
    }

    /// <summary>Whether a presented text can be a secret at all (checked before any query).</summary>
    public static bool IsWellFormed(string? presented) =>
        presented is { Length: Length } && presented.StartsWith(Marker, StringComparison.Ordinal)
        && presented.AsSpan(Marker.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;

    /// <summary>SHA-256 of the secret's UTF-8 bytes, lowercase hex: what the database keeps.</summary>
    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares two stored-form hashes in constant time.</summary>
    public static bool SameHash(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
