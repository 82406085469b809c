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
}
