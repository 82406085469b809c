namespace EduDuty.Web.Infrastructure;

/// <summary>
/// A list's page links (Pages/Shared/_Pager.cshtml): the first and last pages, two either side of the current one, and gaps
/// between, so that 56 pages of counties take one line. <paramref name="Url"/> makes a page's address.
/// </summary>
public sealed record Pager(int Page, int PageCount, Func<int, string> Url, string Label)
{
    /// <summary>The page numbers to link, with null where pages are left out.</summary>
    public IEnumerable<int?> Links()
    {
        int? last = null;
        for (var p = 1; p <= PageCount; p++)
        {
            if (p != 1 && p != PageCount && Math.Abs(p - Page) > 2) continue;
            if (last is { } l && p - l > 1) yield return null;
            yield return p;
            last = p;
        }
    }

    public static Pager Of<T>(Application.Paged<T> paged, Func<int, string> url, string label) => new(paged.Page, paged.PageCount, url, label);

    /// <summary>
    /// What to tell a user whose page (the <c>p</c> of the address) was not the one shown: a page past the last, before the
    /// first or not a number shows the nearest page (every list keeps the page within the pages there are), and this says
    /// so; null when the page shown is the one asked for. The value is shown cut to 12 characters.
    /// </summary>
    public static string? Notice(Microsoft.AspNetCore.Http.HttpRequest request, int shown, int pageCount)
    {
        var asked = request.Query["p"].FirstOrDefault();
        if (string.IsNullOrEmpty(asked) || asked == shown.ToString(System.Globalization.CultureInfo.InvariantCulture)) return null;
        return Core.Messaging.Messages.PageShownInstead(asked.Length > 12 ? asked[..12] + "…" : asked, shown, pageCount).Text;
    }
}
