namespace EduDuty.Web.Tests.Infrastructure;

/// <summary>
/// A test class on a portal it shares with the other classes of its collection: before its first test the database is the
/// template again and the clock is at <see cref="EduDuty.Testing.TestClock.Start"/> (<see cref="PortalFactory.BeginTestAsync"/>).
/// </summary>
public abstract class PortalTests<TFactory>(TFactory factory) : IAsyncLifetime
    where TFactory : PortalFactory
{
    protected TFactory Factory { get; } = factory;

    public virtual Task InitializeAsync() => Factory.BeginTestAsync(GetType());

    public virtual Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// The SQLite portal every default-configured test class shares (one host for the assembly's SQLite classes). Classes in one
/// collection run one after the other; the SQLite and the PostgreSQL collection run side by side.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SqlitePortal : ICollectionFixture<SqlitePortalFactory>
{
    public const string Name = "SQLite portal";
}

/// <summary>The PostgreSQL portal the provider-dependent test classes share (see docs/development.md, "Which database runs which tests").</summary>
[CollectionDefinition(Name)]
public sealed class PostgresPortal : ICollectionFixture<PostgresPortalFactory>
{
    public const string Name = "PostgreSQL portal";
}
