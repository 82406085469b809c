using Microsoft.Extensions.Configuration;

namespace EduDuty.Application.Evidence;

/// <summary>
/// Limits for evidence files, from configuration: <c>Evidence:MaxFileMegabytes</c> (default 50) and
/// <c>Evidence:QuotaMegabytes</c> per evaluation (default 2048).
/// </summary>
public sealed record EvidenceOptions(long MaxFileBytes, long QuotaBytes)
{
    /// <summary>Bytes of a file read or written at a time, and stored per row.</summary>
    public const int ChunkBytes = 1 << 20;

    public static EvidenceOptions FromConfiguration(IConfiguration configuration) => new(
        Megabytes(configuration["Evidence:MaxFileMegabytes"], 50),
        Megabytes(configuration["Evidence:QuotaMegabytes"], 2048));

    private static long Megabytes(string? text, long fallback) =>
        (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var mb) && mb > 0 ? mb : fallback) << 20;
}
