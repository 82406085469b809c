using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Account;

public sealed class AccessDeniedModel : PageModel
{
    public void OnGet()
    {
    }
}
