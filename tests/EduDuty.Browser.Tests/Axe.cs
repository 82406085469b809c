using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace EduDuty.Browser.Tests;

/// <summary>
/// axe-core (the version Deque.AxeCore bundles) run in the page itself, violations only. <c>page.RunAxe()</c> runs the same
/// rules but opens a new browser context and page for every call to finish the run there (its guard against pages that replace
/// the globals axe relies on, which ours do not); that page and a second parse of axe-core cost more than the checks.
/// </summary>
internal static class Axe
{
    private static readonly Lazy<string> Source = new(() => new BundledAxeScriptProvider().GetScript());

    /// <summary>
    /// Every rule on the whole document; passes and incomplete checks are not collected (<c>resultTypes</c>), violations are
    /// reported with all their elements.
    /// </summary>
    public static async Task<AxeResult> RunAsync(IPage page)
    {
        // Evaluated through the DevTools protocol, so the portal's Content-Security-Policy does not apply.
        await page.EvaluateAsync($"() => {{ {Source.Value}\n }}");
        var json = await page.EvaluateAsync<string>("async () => JSON.stringify(await axe.run(document, { resultTypes: ['violations'] }))");
        return new AxeResult(JObject.Parse(json));
    }
}
