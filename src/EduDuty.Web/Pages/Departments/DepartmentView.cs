using EduDuty.Application.Departments;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Core.Departments;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Web.Pages.Evaluations.Areas;

namespace EduDuty.Web.Pages.Departments;

/// <summary>
/// One row of a department's page: the area page's row (<see cref="AreaRow"/>), and for the department's own field its state;
/// a computed indicator it feeds has no owner and is shown with its judgment only.
/// </summary>
public sealed record DepartmentRow(AreaRow Row, FieldOwner? Owner, bool ReadOnly)
{
    public bool IsMine => Owner is not null;

    /// <summary>待填 / 已报送 / 已采纳 / 已退回 (no state for an indicator the department only feeds).</summary>
    public string? State => Owner is { } owner ? owner.Status.DisplayName() : null;

    public string StateCss => Owner?.Status switch
    {
        DepartmentFieldStatus.Submitted => "text-bg-info",
        DepartmentFieldStatus.Accepted => "text-bg-success",
        DepartmentFieldStatus.Returned => "text-bg-warning",
        _ => "text-bg-light border",
    };
}

/// <summary>The department's fields of one area, with the indicators of that area they feed.</summary>
public sealed record DepartmentArea(SchemeArea Area, IReadOnlyList<DepartmentRow> Rows);

/// <summary>Everything a department's page shows, from the desk and, after a save that was not done, from what was posted.</summary>
public sealed class DepartmentView
{
    public required DepartmentDesk Desk { get; init; }

    public required IReadOnlyList<DepartmentArea> Areas { get; init; }

    public required IReadOnlyList<DataWarning> Plausibility { get; init; }

    public IReadOnlySet<string> Required { get; init; } = new HashSet<string>();

    public IEnumerable<DataWarning> PlausibilityFor(string code) => Plausibility.Where(w => w.Field.Code == code);

    /// <summary>
    /// The plausibility findings shown to the department: those about its own fields whose every figure it can see (its own
    /// inputs and the computed values they feed), since a finding's text names the values it compares. A finding that reads
    /// another office's input is the county's to check, and is not shown here.
    /// </summary>
    public static IReadOnlyList<DataWarning> PlausibilityOf(EvaluationResult result, DepartmentDesk desk)
    {
        var visible = desk.Fields.Concat(desk.Fed).Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
        var mine = desk.Fields.Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
        return result.PlausibilityWarnings.Where(w => w.Codes.Any(mine.Contains) && w.Codes.All(visible.Contains)).ToList();
    }

    public static DepartmentView Build(DepartmentDesk desk, AreaForm? posted = null, IReadOnlyDictionary<string, string>? errors = null)
    {
        var ws = desk.Workspace;
        var result = posted is null ? ws.Result : SaveArea.Preview(ws, desk.Fields, posted).Result;
        var shown = desk.Fields.Concat(desk.Fed).Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
        var areas = new List<DepartmentArea>();
        foreach (var area in ws.Scheme.Areas)
        {
            var fields = area.Fields.Where(f => shown.Contains(f.Code)).ToList();
            if (fields.Count == 0) continue;
            var rows = AreaView.RowsOf(ws, fields, posted, errors, result)
                .Select(r => desk.Owners.TryGetValue(r.Field.Code, out var owner) && owner.DepartmentId == desk.DepartmentId
                    ? new DepartmentRow(r, owner, !desk.CanChange(r.Field.Code))
                    : new DepartmentRow(r, null, true))
                .ToList();
            areas.Add(new DepartmentArea(area, rows));
        }

        return new DepartmentView
        {
            Desk = desk,
            Areas = areas,
            Plausibility = PlausibilityOf(result, desk),
            Required = RequiredFields.Of(ws.Scheme).Select(f => f.Code).ToHashSet(StringComparer.Ordinal),
        };
    }
}
