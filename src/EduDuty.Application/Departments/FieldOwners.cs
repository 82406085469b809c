using EduDuty.Core.Departments;
using EduDuty.Core.Schemes;
using EduDuty.Data;

namespace EduDuty.Application.Departments;

/// <summary>
/// Who owns each entered field of one evaluation (issue 30): the owners of <see cref="DepartmentParts"/>'s one statement
/// (the county's departments, the lead's assignments for the year, the stored states), resolved by Core's one rule
/// (<see cref="FieldOwnership"/>). Every entered field is named: a county without departments gets them all as the
/// education bureau's.
/// </summary>
public static class FieldOwners
{
    private static readonly IReadOnlySet<string> NoneFilled = new HashSet<string>();

    public static async Task<IReadOnlyDictionary<string, FieldOwner>> LoadAsync(
        EduDutyDbContext db, int evaluationId, int countyId, Scheme scheme, CancellationToken cancellationToken)
    {
        var parts = await DepartmentParts.LoadAsync(db, evaluationId, countyId, scheme, NoneFilled, cancellationToken);
        var owners = parts.Any
            ? parts.Owners
            : FieldOwnership.Resolve(scheme, [], new Dictionary<string, int?>(), new Dictionary<string, FieldState>());
        // A field a satisfaction survey fills is nobody's to type, whoever owns it otherwise (issue 31).
        var fromSurvey = await Surveys.SurveyFedFields.LoadAsync(db, evaluationId, countyId, scheme.Code, cancellationToken);
        return fromSurvey.Count == 0
            ? owners
            : owners.ToDictionary(o => o.Key, o => fromSurvey.Contains(o.Key) ? o.Value with { FromSurvey = true } : o.Value, StringComparer.Ordinal);
    }
}
