namespace EduDuty.Core.Regions;

/// <summary>
/// The region scope rule (decision 0005), in memory: a region's <c>Path</c> ("/140000/140800/140823/") lies under another's
/// when it starts with it. Queries use its SQL twin, <c>Application/RegionScope</c>; nothing else compares region paths.
/// </summary>
public static class RegionPaths
{
    /// <summary>Whether the region at <paramref name="path"/> is the region at <paramref name="ancestor"/> or lies under it.</summary>
    public static bool Covers(string ancestor, string path) => path.StartsWith(ancestor, StringComparison.Ordinal);
}
