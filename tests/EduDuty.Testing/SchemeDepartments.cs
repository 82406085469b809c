using System.Text.Json;

namespace EduDuty.Testing;

/// <summary>What SX-2021's scheme file says about departments (issue 30), read from the JSON itself, not through the loader.</summary>
public static class SchemeDepartments
{
    /// <summary>The entered fields whose <c>"department"</c> is <paramref name="department"/>, in file order.</summary>
    public static IReadOnlyList<string> FieldsOf(string department)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "EduDuty.Core", "Schemes", "SX-2021.scheme.json")));
        return json.RootElement.GetProperty("areas").EnumerateArray()
            .SelectMany(a => a.GetProperty("fields").EnumerateArray())
            .Where(f => f.TryGetProperty("department", out var d) && d.GetString() == department)
            .Select(f => f.GetProperty("code").GetString()!)
            .ToList();
    }

    /// <summary>
    /// The computed fields (not the consistency checks) whose formula in the file names one of <paramref name="inputs"/>, or a
    /// computed field that does, in file order: what a department's fields feed.
    /// </summary>
    public static IReadOnlyList<string> Fed(IReadOnlyCollection<string> inputs)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "EduDuty.Core", "Schemes", "SX-2021.scheme.json")));
        var formulas = json.RootElement.GetProperty("areas").EnumerateArray()
            .SelectMany(a => a.GetProperty("fields").EnumerateArray())
            .Where(f => f.TryGetProperty("formula", out _) && !(f.TryGetProperty("check", out var c) && c.ValueKind == JsonValueKind.True))
            .Select(f => (Code: f.GetProperty("code").GetString()!, Reads: System.Text.RegularExpressions.Regex.Matches(f.GetProperty("formula").GetString()!, @"\[([^\]]+)\]").Select(m => m.Groups[1].Value).ToList()))
            .ToList();
        var reached = new HashSet<string>(inputs, StringComparer.Ordinal);
        while (formulas.Where(f => !reached.Contains(f.Code) && f.Reads.Any(reached.Contains)).Select(f => f.Code).ToList() is { Count: > 0 } more) reached.UnionWith(more);
        return formulas.Where(f => reached.Contains(f.Code)).Select(f => f.Code).ToList();
    }
}
