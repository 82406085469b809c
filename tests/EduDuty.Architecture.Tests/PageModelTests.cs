using System.Reflection;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Architecture.Tests;

/// <summary>
/// A page model binds, calls one handler, renders: it takes at most four services in its constructor (its query, the
/// loader, the user …); a use case that only one POST needs is injected into that handler method (<c>[FromServices]</c>).
/// </summary>
public sealed class PageModelTests
{
    private const int MostServices = 4;

    [Fact]
    public void No_page_model_takes_more_than_four_services()
    {
        var models = typeof(CurrentUser).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract).ToList();

        Assert.True(models.Count > 15, "page models not found: the rule would check nothing");
        var offences = Offences(models);
        Assert.True(offences.Count == 0, "page models with more than four injected services:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void The_rule_catches_a_page_model_with_five_services()
    {
        Assert.Equal(["FivePartsModel takes 5 services"], Offences([typeof(FivePartsModel), typeof(FourPartsModel)]));
    }

    private static List<string> Offences(IEnumerable<Type> models) => models
        .Select(t => (t, Count: t.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Select(c => c.GetParameters().Length).DefaultIfEmpty(0).Max()))
        .Where(x => x.Count > MostServices)
        .Select(x => $"{x.t.Name} takes {x.Count} services")
        .ToList();

    private sealed class FivePartsModel(string a, string b, string c, string d, string e) : PageModel
    {
        public string All => a + b + c + d + e;
    }

    private sealed class FourPartsModel(string a, string b, string c, string d) : PageModel
    {
        public string All => a + b + c + d;
    }
}
