using EduDuty.Data;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Surveys;

/// <summary>
/// The scheme fields of one evaluation that a satisfaction survey fills (issue 31, 来自满意度调查): those named by every
/// round of the evaluation's year that includes its county and whose survey belongs to the evaluation's scheme. From the
/// moment such a round exists they are nobody's to type (<see cref="Core.Departments.FieldOwner.FromSurvey"/>): one
/// statement, read inside the claim of every write of figures.
/// </summary>
public static class SurveyFedFields
{
    public static async Task<IReadOnlySet<string>> LoadAsync(EduDutyDbContext db, int evaluationId, int countyId, string schemeCode, CancellationToken cancellationToken)
    {
        var lists = await db.SurveyRounds
            .Where(r => r.FieldCodes != "" && r.Definition.SchemeCode == schemeCode
                && db.SurveyLinks.Any(l => l.RoundId == r.Id && l.CountyId == countyId)
                && db.Evaluations.Any(e => e.Id == evaluationId && e.Year == r.Year))
            .Select(r => r.FieldCodes).ToListAsync(cancellationToken);
        return Parse(lists);
    }

    /// <summary>The codes of stored <c>FieldCodes</c> lists (comma-separated).</summary>
    public static IReadOnlySet<string> Parse(IEnumerable<string> lists) =>
        lists.SelectMany(l => l.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The stored form of a round's field list.</summary>
    public static string Format(IEnumerable<string> codes) => string.Join(',', codes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
