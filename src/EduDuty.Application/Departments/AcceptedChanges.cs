using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Application.Notifications;
using EduDuty.Core.Departments;
using EduDuty.Core.Messaging;
using EduDuty.Data.Entities;

namespace EduDuty.Application.Departments;

/// <summary>
/// The county's change of a department's accepted figure (issue 30): the county may change any field, an accepted one too; the
/// audit names the county's user (the change is the county's), and the department's users are told which of their accepted
/// figures changed and by whom. Called by <see cref="Evaluations.Figures.FigureWriter"/> inside the claim for every county
/// write of figures — the form, the autosave, an import, the API — so no caller can leave the department untold.
/// </summary>
public static class AcceptedChanges
{
    public static async Task TellAsync(ContentScope scope, Workspace workspace, IReadOnlyList<string> written, Inbox inbox, CancellationToken cancellationToken)
    {
        // One statement; a county without departments reads no row and tells nobody.
        var parts = await DepartmentParts.LoadAsync(scope.Db, workspace.Id, workspace.CountyId, workspace.Scheme, new HashSet<string>(), cancellationToken);
        if (!parts.Any) return;
        var accepted = written
            .Select(code => parts.Owners.GetValueOrDefault(code))
            .Where(o => o is { Status: DepartmentFieldStatus.Accepted, DepartmentId: not null })
            .GroupBy(o => o!.DepartmentId!.Value);
        foreach (var department in accepted)
        {
            var names = department.Select(o => workspace.Scheme.FindField(o!.Code)!.NameZh).ToList();
            var users = await inbox.DepartmentUsersAsync(department.Key, cancellationToken);
            inbox.Add(users, scope.Actor.Id, NotificationKind.Department,
                Messages.AcceptedFieldChangedNotice($"{workspace.County} {workspace.Year}年度评价", scope.Actor.RecordedName, names),
                ReviewDepartmentParts.DepartmentPageOf(workspace.Id), $"AcceptedChanged:{workspace.Id}:{department.Key}:{scope.NowUtc.Ticks}");
        }
    }
}
