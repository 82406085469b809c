using System.Reflection;

namespace EduDuty.Core.Schemes;

/// <summary>The scheme files shipped inside EduDuty.Core (Schemes/*.scheme.json).</summary>
public static class BuiltInSchemes
{
    private const string Prefix = "EduDuty.Core.Schemes.";
    private const string Suffix = ".scheme.json";

    private static readonly Lazy<IReadOnlyList<Scheme>> All = new(LoadAll);

    /// <summary>
    /// Earlier texts of a shipped scheme version that say the same thing in an older form of the file (SHA-256 of the file).
    /// A database that stores one of them gets the current file at start; any other stored text is an admin's and is kept.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Superseded = new Dictionary<string, IReadOnlyList<string>>
    {
        // SX-2021 v1 before the measure/check attributes (issue 9): the same fields, formulas and thresholds, with the
        // entry rules then inferred from unit strings and code suffixes.
        ["SX-2021#1"] =
        [
            "98c89a2010c70da37d2eac238fc7b31bb59816aba03aaf9081a572c42ccdc35d",
            // Before field help (issue 11): A10.01 carried its definition in its name.
            "41ff6894fa4a6e243b83fe82f13b5852aacf02df7c31eadd046b8f406ed45544",
            // Before full-width punctuation in the texts and two rewordings of judged clauses (issue 12).
            "2c29a2a3a94f77a613416c861c8f9947c174e18d0ef3fca27dce46028bb91086",
            // With "本县" once where every other text says "我县" (issue 12).
            "a95c0416f8fac3350d2210d04032f80f626aba4f8a7f339b2739ac15adc7bc64",
            // With "职中0所" printed where a school category has none (issue 12).
            "320cfe7f1ada2a949496e41dd9675e24fa82003d42dd7855dbb779483c32bcbb",
            // Before last year's fields were named for the growth indicators' prior-year inputs ("carryFrom", issue 16).
            "9750fd02cbb02f6adf8bdfd5687763b86ba3e311875f731c5f4bfc2019f8c7e2",
            // Before yes/no and conclusion indicators had their own problem wording ("…配套资金落实到位尚未落实") and before the
            // plausibility rules (issue 26): the same fields, formulas and thresholds.
            "ff2b654facc7d5f63f85b02cf24b71d5a6a5064d27975bff40f990dffc750024",
            // Before 口径 and 数据来源 on every entered field (issue 27): the same fields, formulas and thresholds.
            "1378e0b6d7b3bfd5ac47ffaa6976ef6dd19cee7711a9be18916c14e9b1796515",
            // Before each entered field named its usual department (issue 30): the same fields, formulas and thresholds.
            "15f8363e86d9f56d3682b3236c8bfce54bdb7900b3d1d70f1f5f60208ed411c7",
        ],
    };

    /// <summary>Every shipped scheme, loaded and validated once per process.</summary>
    public static IReadOnlyList<Scheme> Schemes => All.Value;

    public static Scheme Get(string code) =>
        Schemes.FirstOrDefault(s => s.Code == code) ?? throw new KeyNotFoundException($"没有内置方案 {code}");

    /// <summary>The province each shipped scheme belongs to (its region code): its admins change and activate it.</summary>
    public static string? OwnerRegionCode(string code) => code switch
    {
        "SX-2021" => "140000",
        _ => null,
    };

    /// <summary>Whether a stored text of a shipped version is an older form of the file shipped now (see <see cref="Superseded"/>).</summary>
    public static bool IsSuperseded(string code, int version, string contentHash) =>
        Superseded.TryGetValue($"{code}#{version}", out var hashes) && hashes.Contains(contentHash, StringComparer.Ordinal);

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
