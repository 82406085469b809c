using System.Reflection;

namespace EduDuty.Core.Schemes;

/// <summary>The scheme files shipped inside EduDuty.Core (Schemes/*.scheme.json).</summary>
public static class BuiltInSchemes
{
    private const string Prefix = "EduDuty.Core.Schemes.";
    private const string Suffix = ".scheme.json";

    private static readonly Lazy<IReadOnlyList<Scheme>> All = new(LoadAll);

    /// <summary>Every shipped scheme, loaded and validated once per process.</summary>
    public static IReadOnlyList<Scheme> Schemes => All.Value;

    public static Scheme Get(string code) =>
        Schemes.FirstOrDefault(s => s.Code == code) ?? throw new KeyNotFoundException($"没有内置方案 {code}");

    /// <summary>The raw JSON of a shipped scheme, for storing it as a versioned record.</summary>
    public static string ReadJson(string code)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Prefix + code + Suffix)
            ?? throw new KeyNotFoundException($"没有内置方案 {code}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static List<Scheme> LoadAll()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(Suffix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                return SchemeLoader.Load(stream);
            })
            .ToList();
    }
}
