using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Departments;
using EduDuty.Core.Review;
using EduDuty.Core.Text;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Departments;

/// <summary>One evaluation of the department's county as its home lists it: the department's counts and deadlines.</summary>
public sealed record DepartmentEvaluationItem(
    int Id, string County, int Year, EvaluationStatus Status, int Assigned, int Filled, int Submitted, int Accepted, int Returned,
    DateOnly? InternalDeadline, DeadlineState Deadline, bool CanWrite);

/// <summary>The department's home (<c>/</c> for a 部门填报人员): its name, its evaluations (newest year first) and its to-do.</summary>
public sealed record DepartmentHomeView(string Department, IReadOnlyList<DepartmentEvaluationItem> Evaluations, IReadOnlyList<TodoItem> Todo);

/// <summary>
/// Reads a department user's home (issue 30): the evaluations of its county, each with the department's fields resolved by
/// <see cref="FieldOwners"/> (the lead's assignment, else the scheme's department) and their values, counted; the to-do from
/// <see cref="DepartmentTodo"/>. A county has one evaluation a year: a handful of evaluations, each read with its own queries.
/// </summary>
public sealed class DepartmentHome(EduDutyDbContext db, StoredSchemes schemes, TimeProvider clock)
{
    public async Task<DepartmentHomeView> HandleAsync(Actor actor, CancellationToken cancellationToken)
    {
        if (!actor.IsDepartmentUser || actor.DepartmentId is not { } departmentId) return new DepartmentHomeView(string.Empty, [], []);
        var department = actor.DepartmentName ?? await db.Departments.Where(d => d.Id == departmentId).Select(d => d.Name).SingleAsync(cancellationToken);
        var headers = await EvaluationClaim.Headers(db).Where(h => h.CountyPath == actor.RegionPath)
            .OrderByDescending(h => h.Year).ToListAsync(cancellationToken);
        var ids = headers.Select(h => h.Id).ToList();
        var internalDeadlines = await db.Evaluations.AsNoTracking().Where(e => ids.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, e => e.DepartmentDeadline, cancellationToken);
        var today = ChinaTime.Today(clock);

        var items = new List<DepartmentEvaluationItem>();
        var todo = new List<TodoItem>();
        foreach (var header in headers)
        {
            var scheme = await schemes.GetAsync(db, header.SchemeId, header.SchemeHash, cancellationToken);
            var owners = await FieldOwners.LoadAsync(db, header.Id, header.CountyId, scheme, cancellationToken);
            var mine = owners.Values.Where(o => o.DepartmentId == departmentId).ToList();
            var codes = mine.Select(o => o.Code).ToList();
            var filled = (await db.FigureValues.AsNoTracking().Where(f => f.EvaluationId == header.Id && codes.Contains(f.FieldCode))
                .Where(f => f.Number != null || f.Flag != null || f.Text != null).Select(f => f.FieldCode).ToListAsync(cancellationToken)).ToHashSet();
            var deadline = DeadlineState.Of(header.Status, header.YearDeadline, header.ExtendedTo, today);
            var write = EvaluationPolicy.DepartmentEdit(new EvaluationFacts(header.Status, deadline), actor.ViewerOf(header.CountyPath));
            var fields = mine.Select(o => new DepartmentField(o.Code, scheme.FindField(o.Code)?.NameZh ?? o.Code, o.Status, o.Reason, filled.Contains(o.Code)))
                .OrderBy(f => f.Code, StringComparer.Ordinal).ToList();
            var due = internalDeadlines.GetValueOrDefault(header.Id);
            items.Add(new DepartmentEvaluationItem(header.Id, header.County, header.Year, header.Status, fields.Count, filled.Count,
                fields.Count(f => f.Status == DepartmentFieldStatus.Submitted), fields.Count(f => f.Status == DepartmentFieldStatus.Accepted),
                fields.Count(f => f.Status == DepartmentFieldStatus.Returned), due, deadline, write.Allowed));
            todo.AddRange(DepartmentTodo.For(new DepartmentTodoFacts(header.Id, $"{header.County} {header.Year}年度评价", department, fields, due, write), today));
        }

        return new DepartmentHomeView(department, items, todo.OrderByDescending(t => t.Urgent).ToList());
    }
}
