using System.Security.Cryptography;

namespace EduDuty.Core.Surveys;

/// <summary>
/// A public door's token (issue 31) in one place: 22 URL-safe characters from 16 random bytes, unguessable so links cannot be
/// walked; the shape is checked before any query, by the questionnaire and the problem-report form alike.
/// </summary>
public static class DoorTokens
{
    public const int Length = 22;

    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
