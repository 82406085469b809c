using EduDuty.Data;

namespace EduDuty.Web.Tests.Infrastructure;

/// <summary>
/// Another portal instance on the database of <paramref name="first"/>, as a second server behind a load balancer: same
/// database, same clock, and the first one's own settings.
/// </summary>
public sealed class SecondInstance(PortalFactory first) : PortalFactory(first.SharedClock)
{
    public override IReadOnlyDictionary<string, string> ExtraSettings => first.ExtraSettings;

    public override DatabaseProvider Provider => first.Provider;

    public override string ConnectionString => first.ConnectionString;

    public override Task InitializeAsync() => Task.CompletedTask;

    protected override Task ResetDatabaseAsync() => throw new NotSupportedException();

    public override Task StopDatabaseAsync() => throw new NotSupportedException();
}
