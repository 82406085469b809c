using EduDuty.Core.Schemes;

namespace EduDuty.Core.Rules;

/// <summary>Every field's result under one scheme, in catalog order.</summary>
public sealed class EvaluationResult
{
    private readonly Dictionary<string, FieldResult> _byCode;
    private readonly Dictionary<string, int> _order;

    internal EvaluationResult(Scheme scheme, IReadOnlyList<FieldResult> results)
    {
        Scheme = scheme;
        Results = results;
        _byCode = results.ToDictionary(r => r.Field.Code, StringComparer.Ordinal);
        _order = results.Select((r, i) => (r.Field.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);
    }

    public Scheme Scheme { get; }

    public IReadOnlyList<FieldResult> Results { get; }

    public FieldResult this[string code] => _byCode[code];

    /// <summary>Failing indicators in catalog order; consistency warnings are never among them.</summary>
    public IEnumerable<FieldResult> Failing => Results.Where(r => r.Status == JudgmentStatus.Fail);

    public IEnumerable<FieldResult> Warnings => Results.Where(r => r.Status == JudgmentStatus.Warning);

    public IEnumerable<FieldResult> InArea(string areaKey) => Results.Where(r => r.Field.AreaKey == areaKey);

    /// <summary>The scheme's plausibility rules that do not hold on these figures (<see cref="Plausibility"/>), in the scheme's order.</summary>
    public IReadOnlyList<PlausibilityFinding> Findings => _findings ??= Plausibility.Check(this);

    private IReadOnlyList<PlausibilityFinding>? _findings;

    /// <summary>Hard findings: a save or an import that changes one of their fields is refused.</summary>
    public IEnumerable<PlausibilityFinding> Refusals => Findings.Where(f => f.IsHard);

    /// <summary>
    /// What a lead confirms before submitting and a reviewer sees (数据提示), in catalog order: plausibility findings and
    /// consistency checks that do not hold (<see cref="Warnings"/>). A hard finding is among them only when figures stored
    /// before its rule existed break it (no save could store it since).
    /// </summary>
    public IReadOnlyList<DataWarning> OpenWarnings => _open ??= Findings.Select(f => new DataWarning(Scheme.FindField(f.Field)!, f.Text, f.IsHard, f.Codes))
        .Concat(Warnings.Select(w => new DataWarning(w.Field, w.Reason, false, [w.Field.Code, .. w.Field.Formula?.References ?? []])))
        .OrderBy(w => _order[w.Field.Code])
        .ToList();

    private IReadOnlyList<DataWarning>? _open;

    /// <summary>
    /// The plausibility findings among <see cref="OpenWarnings"/>: what a submission lists and asks the lead to confirm
    /// (decision 0036). Consistency checks stay the overview's 提示, as before issue 26.
    /// </summary>
    public IReadOnlyList<DataWarning> PlausibilityWarnings => _plausibility ??= OpenWarnings.Where(w => !w.Field.IsConsistencyCheck).ToList();

    private IReadOnlyList<DataWarning>? _plausibility;

    /// <summary>
    /// Which plausibility warnings these are (their sentences, with the figures in them), as a short token: the submission page
    /// sends the one it listed, so that the lead's tick confirms the warnings the lead read and not others that arrived since.
    /// </summary>
    public string PlausibilityWarningsToken => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(string.Join("\n", PlausibilityWarnings.Select(w => w.Text)))))[..16];

    /// <summary>The open warnings about any of <paramref name="codes"/>: what an import or a save of those figures brings up.</summary>
    public IReadOnlyList<DataWarning> OpenWarningsAbout(IReadOnlyCollection<string> codes) =>
        OpenWarnings.Where(w => w.Codes.Any(codes.Contains)).ToList();
}

/// <summary>
/// A data warning (数据提示) as every page, the submission and <c>eduduty evaluate</c> list it: the field it is shown beside,
/// the sentence, whether it is a hard plausibility rule (refused when saved), and every field it reads.
/// </summary>
public sealed record DataWarning(SchemeField Field, string Text, bool IsHard, IReadOnlyList<string> Codes)
{
    /// <summary>The word in <c>eduduty evaluate</c>'s "warnings": "plausibility" or "consistency".</summary>
    public string Kind => Field.IsConsistencyCheck ? "consistency" : "plausibility";
}
