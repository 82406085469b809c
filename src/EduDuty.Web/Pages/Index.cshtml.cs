using EduDuty.Application.Evaluations;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages;

public sealed class IndexModel(HomeQuery home, CurrentUser user) : PageModel
{
    public HomeView Home { get; private set; } = new([], []);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Home = await home.HandleAsync(user.Actor, cancellationToken);
}
