using Xunit.Abstractions;

[assembly: Xunit.TestCollectionOrderer("EduDuty.Web.Tests.Infrastructure.SharedPortalsFirst", "EduDuty.Web.Tests")]

// The two shared portals' collections are each a long chain of classes run one after another; the other collections
// (a portal of their own, or none) are short. Four at a time: both chains from the start, the short ones beside them.
[assembly: Xunit.CollectionBehavior(MaxParallelThreads = 4)]

namespace EduDuty.Web.Tests.Infrastructure;

/// <summary>Starts the collections of the shared SQLite and PostgreSQL portals first, then the others by name.</summary>
public sealed class SharedPortalsFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderBy(c => c.DisplayName is SqlitePortal.Name or PostgresPortal.Name ? 0 : 1)
            .ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}
