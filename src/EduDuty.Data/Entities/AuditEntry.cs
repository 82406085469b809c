namespace EduDuty.Data.Entities;

public enum AuditKind
{
    Figure = 1,
    Narrative = 2,
    Report = 3,

    /// <summary>An evidence file attached, renamed or removed (target: its indicator, area or 整体; values carry the hash).</summary>
    Evidence = 4,

    /// <summary>A rectification task of this (approved) evaluation changed (target: "整改任务 N"; values: state, unit, due date, note).</summary>
    Rectification = 5,

    /// <summary>A bonus applied for or withdrawn, granted or refused, or an indicator's points adjusted (target: the item or indicator).</summary>
    Score = 6,

    /// <summary>The report published (公示) or withdrawn (target: the edition's label; values: the PDF's SHA-256, the reason).</summary>
    Publication = 7,

    /// <summary>部门分工: a field assigned to a department or back to the education bureau (target: the field; values: the owners' names).</summary>
    Assignment = 8,

    /// <summary>
    /// 部门报送: a department's field sent to the county, accepted or returned (target: the field; values: the states, a return's
    /// reason after the state).
    /// </summary>
    DepartmentPart = 9,
}

/// <summary>
/// One change of a figure or a narrative: who, when, old and new. Written in the same transaction as the change and
/// never updated. The user's display name is copied so that the history reads the same after an account changes.
/// </summary>
public class AuditEntry : IChainedEntry
{
    /// <summary>
    /// The one way an entry is made: one change of one evaluation, by whom, when and how it came in. Every writer calls this
    /// (the guarded write path's <c>ContentScope.Audit</c>, rectification), so no entry lacks a part.
    /// </summary>
    public static AuditEntry Of(
        int evaluationId, AuditKind kind, string target, string? oldValue, string? newValue, string userId, string userDisplayName, DateTime atUtc,
        AuditSource source) => new()
    {
        EvaluationId = evaluationId, Kind = kind, Target = target, OldValue = oldValue, NewValue = newValue,
        UserId = userId, UserDisplayName = userDisplayName, AtUtc = atUtc, Source = source, OwnChain = true,
    };

    public long Id { get; set; }

    public int EvaluationId { get; set; }

    public AuditKind Kind { get; set; }

    /// <summary>The field code (figures), area key (narratives) or report part (report texts).</summary>
    public required string Target { get; set; }

    /// <summary>Canonical old value; null when there was none.</summary>
    public string? OldValue { get; set; }

    /// <summary>Canonical new value; null when the value was cleared.</summary>
    public string? NewValue { get; set; }

    public required string UserId { get; set; }

    public required string UserDisplayName { get; set; }

    public DateTime AtUtc { get; set; }

    /// <summary>How the change came in: the area form, an import, a supervisor's review… (stored as its text).</summary>
    public required AuditSource Source { get; set; }

    public long? ChainIndex { get; set; }

    public string? Hash { get; set; }

    /// <summary>
    /// In its evaluation's own chain (<see cref="AuditChain.Of"/>, every entry since decision 0045); false for the entries of
    /// the closed province-wide chain <see cref="AuditChain.Evaluations"/> written before.
    /// </summary>
    public bool OwnChain { get; set; }

    string IChainedEntry.ChainName => OwnChain ? AuditChain.Of(EvaluationId) : AuditChain.Evaluations;

    void IChainedEntry.NormalizeTime() => AtUtc = AuditChain.Microseconds(AtUtc);

    string IChainedEntry.Canonical() =>
        AuditChain.Canonical(ChainIndex, EvaluationId, Kind.ToString(), Target, OldValue, NewValue, UserId, UserDisplayName, AtUtc, Source.Text());
}
