namespace EduDuty.Reporting.Fonts;

/// <summary>A font file and, for a collection (.ttc), which face in it.</summary>
public sealed record FontFile(string Path, int FaceIndex = 0)
{
    /// <summary>"path" or "path#index", as configuration writes it.</summary>
    public static FontFile Parse(string spec)
    {
        var hash = spec.LastIndexOf('#');
        return hash > 0 && int.TryParse(spec[(hash + 1)..], out var index)
            ? new FontFile(spec[..hash], index)
            : new FontFile(spec);
    }

    public override string ToString() => FaceIndex == 0 ? Path : $"{Path}#{FaceIndex}";
}
