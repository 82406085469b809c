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
}
