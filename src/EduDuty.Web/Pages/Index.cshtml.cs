using EduDuty.Application.Departments;
using EduDuty.Application.Evaluations;
using EduDuty.Core.Review;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages;

public sealed class IndexModel(HomeQuery home, DepartmentHome departmentHome, CurrentUser user) : PageModel
{
    public HomeView Home { get; private set; } = new(new([], 0, 1, HomeQuery.PageSize), []);

    /// <summary>A 部门填报人员's home (issue 30): its department's to-do and evaluations instead of the county's list.</summary>
    public DepartmentHomeView? Department { get; private set; }

    public async Task OnGetAsync(int p = 1, CancellationToken cancellationToken = default)
    {
        var actor = user.Actor;
        if (actor.IsDepartmentUser) Department = await departmentHome.HandleAsync(actor, cancellationToken);
        else Home = await home.HandleAsync(actor, p, cancellationToken);
    }

    /// <summary>Where a to-do item is done: an area opens with only its unfilled fields shown.</summary>
    public string Href(TodoItem item) => item.Target switch
    {
        TodoTarget.Area => $"/Evaluations/{item.EvaluationId}/Areas/{item.AreaKey}?missing=1",
        TodoTarget.Comments => $"/Evaluations/{item.EvaluationId}/Comments",
        TodoTarget.Evidence => $"/Evaluations/{item.EvaluationId}/Evidence",
        TodoTarget.AdminYears => "/Admin/Years",
        TodoTarget.Rectification => $"/Rectification?Year={item.TaskYear}#task-{item.TaskId}",
        TodoTarget.Department => $"/Departments/{item.EvaluationId}",
        TodoTarget.DepartmentReview => $"/Evaluations/{item.EvaluationId}/Departments/Review",
        _ => $"/Evaluations/{item.EvaluationId}",
    };
}
