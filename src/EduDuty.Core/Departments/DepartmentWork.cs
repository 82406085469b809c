using EduDuty.Core.Schemes;

namespace EduDuty.Core.Departments;

/// <summary>
/// What a department's own page (本部门填报) is made of, and what else a department may touch (issue 30, decision 0054): its
/// entered fields, the computed indicators they feed, the fields it may send (报送), and the indicators it may back with
/// evidence. The per-field write rule is <see cref="Review.EvaluationPolicy.EditField"/>; these rules sit beside it.
/// </summary>
public static class DepartmentWork
{
    /// <summary>The entered fields <paramref name="departmentId"/> owns in this evaluation, in scheme order.</summary>
    public static IReadOnlyList<SchemeField> FieldsOf(Scheme scheme, IReadOnlyDictionary<string, FieldOwner> owners, int departmentId) =>
        scheme.Fields.Where(f => f.Kind.IsInput() && owners.TryGetValue(f.Code, out var owner) && owner.DepartmentId == departmentId).ToList();

    /// <summary>
    /// The computed indicators that read any of <paramref name="inputs"/>, directly or through other computed values, in scheme
    /// order (consistency checks are data warnings, not indicators: left out). Their judgment is shown on the department's page
    /// as the county sees it — the result only, never the other departments' inputs it is made from.
    /// </summary>
    public static IReadOnlyList<SchemeField> Fed(Scheme scheme, IReadOnlyCollection<string> inputs)
    {
        var reads = new HashSet<string>(inputs, StringComparer.Ordinal);
        // Scheme order is not dependency order: repeat until no computed field is added (a chain is at most a few levels deep).
        bool added;
        do
        {
            added = false;
            foreach (var field in scheme.Fields.Where(f => f.Formula is not null && !reads.Contains(f.Code)))
            {
                if (field.Formula!.References.Any(reads.Contains)) added = reads.Add(field.Code) | added;
            }
        }
        while (added);

        return scheme.Fields.Where(f => f.Formula is not null && !f.IsConsistencyCheck && reads.Contains(f.Code)).ToList();
    }

    /// <summary>Whether the department may send the field now: it is the department's and still with it (待填, or 退回 to correct).</summary>
    public static bool Sendable(FieldOwner owner, int departmentId) =>
        owner.DepartmentId == departmentId && owner.Status.IsWithDepartment();

    /// <summary>Whether the department may still change the field (its own, not 已报送 nor 已采纳): what the page offers as an input.</summary>
    public static bool Editable(FieldOwner owner, int departmentId) => Sendable(owner, departmentId);

    /// <summary>
    /// The evidence rule (佐证): a department may attach evidence to an indicator any of whose inputs is the department's — one
    /// of its own entered fields, or a computed indicator one of them feeds. Never to an area or the whole evaluation, nor to
    /// an indicator made only of other offices' figures.
    /// </summary>
    public static bool MayAttachEvidence(Scheme scheme, IReadOnlyDictionary<string, FieldOwner> owners, int departmentId, string? fieldCode)
    {
        if (fieldCode is null || scheme.FindField(fieldCode) is not { } field) return false;
        var mine = FieldsOf(scheme, owners, departmentId).Select(f => f.Code).ToList();
        if (field.Kind.IsInput()) return mine.Contains(field.Code, StringComparer.Ordinal);
        return Fed(scheme, mine).Any(f => f.Code == field.Code);
    }

    /// <summary>
    /// Whether the department may still add evidence to <paramref name="fieldCode"/>: as <see cref="MayAttachEvidence"/>, but
    /// counting only its fields still with it (待报送 or 已退回). Evidence is part of what the department hands over: once a field
    /// is 已报送 or 已采纳 it locks for the department like the figure (found by the attacker review: a department added material
    /// to a figure the county had accepted); an indicator fed by several of its fields stays open while one of them is.
    /// </summary>
    public static bool MayStillAttachEvidence(Scheme scheme, IReadOnlyDictionary<string, FieldOwner> owners, int departmentId, string? fieldCode)
    {
        if (fieldCode is null || scheme.FindField(fieldCode) is not { } field) return false;
        var open = FieldsOf(scheme, owners, departmentId).Where(f => Editable(owners[f.Code], departmentId)).Select(f => f.Code).ToList();
        if (field.Kind.IsInput()) return open.Contains(field.Code, StringComparer.Ordinal);
        return Fed(scheme, open).Any(f => f.Code == field.Code);
    }
}
