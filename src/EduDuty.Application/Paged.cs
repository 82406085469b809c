using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application;

/// <summary>
/// One page of a list read in the database (a count and one page of rows, never the whole list), with where it stands: what
/// every long list of the portal returns, so that no page grows with the number of counties, users or audit entries.
/// </summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Paging.PageCount(Total, PageSize);

    public Paged<TOut> Select<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), Total, Page, PageSize);
}

/// <summary>The page arithmetic of every list, and reading a page from the database.</summary>
public static class Paging
{
    /// <summary>Counts <paramref name="ordered"/> and reads the page asked for, kept within the pages there are: two statements.</summary>
    public static async Task<Paged<T>> ToPagedAsync<T>(this IQueryable<T> ordered, int page, int pageSize, CancellationToken cancellationToken)
    {
        if (page <= 1)
        {
            // The first page: a page not full is everything, no count needed (most lists of a county or a city).
            var first = await ordered.Take(pageSize).ToListAsync(cancellationToken);
            return new Paged<T>(first, first.Count < pageSize ? first.Count : await ordered.CountAsync(cancellationToken), 1, pageSize);
        }

        var total = await ordered.CountAsync(cancellationToken);
        page = Clamp(page, total, pageSize);
        var items = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Paged<T>(items, total, page, pageSize);
    }

    public static int PageCount(int total, int pageSize) => Math.Max(1, (total + pageSize - 1) / pageSize);

    public static int Clamp(int page, int total, int pageSize) => Math.Clamp(page, 1, PageCount(total, pageSize));
}
