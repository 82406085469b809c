using EduDuty.Application.Evaluations;
using EduDuty.Core.Review;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages;

public sealed class IndexModel(HomeQuery home, CurrentUser user) : PageModel
{
    public HomeView Home { get; private set; } = new(new([], 0, 1, HomeQuery.PageSize), []);

    public async Task OnGetAsync(int p = 1, CancellationToken cancellationToken = default) => Home = await home.HandleAsync(user.Actor, p, cancellationToken);

    /// <summary>Where a to-do item is done: an area opens with only its unfilled fields shown.</summary>
    public string Href(TodoItem item) => item.Target switch
    {
        TodoTarget.Area => $"/Evaluations/{item.EvaluationId}/Areas/{item.AreaKey}?missing=1",
        TodoTarget.Comments => $"/Evaluations/{item.EvaluationId}/Comments",
        TodoTarget.Evidence => $"/Evaluations/{item.EvaluationId}/Evidence",
        TodoTarget.AdminYears => "/Admin/Years",
        TodoTarget.Rectification => $"/Rectification?Year={item.TaskYear}#task-{item.TaskId}",
        TodoTarget.DepartmentReview => $"/Evaluations/{item.EvaluationId}/Departments/Review",
        _ => $"/Evaluations/{item.EvaluationId}",
    };
}
