using System.Reflection;

namespace EduDuty.Core.Surveys;

/// <summary>The survey files shipped inside EduDuty.Core (Surveys/*.survey.json): examples, stored at start like the schemes.</summary>
public static class BuiltInSurveys
{
    private const string Prefix = "EduDuty.Core.Surveys.";
    private const string Suffix = ".survey.json";

    /// <summary>The shipped example for SX-2021's year (示例): the national groups and themes, filling no field of SX-2021 (it has none).</summary>
    public const string ExampleCode = "SX-2021-SAT";

    /// <summary>Every shipped survey file's text by its file name (without the suffix).</summary>
    public static IReadOnlyDictionary<string, string> Files { get; } = Read();

    public static IEnumerable<SurveyDefinition> Definitions => Files.Values.Select(json => SurveyLoader.Load(json).Definition
        ?? throw new InvalidOperationException("A shipped survey file does not load: " + string.Join("；", SurveyLoader.Load(json).Errors)));

    private static Dictionary<string, string> Read()
    {
        var assembly = typeof(BuiltInSurveys).Assembly;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(Suffix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            files[name[Prefix.Length..^Suffix.Length]] = reader.ReadToEnd();
        }

        return files;
    }
}
