using EduDuty.Data;

namespace EduDuty.Web.Tests.Infrastructure;

/// <summary>Another portal instance on the database of <paramref name="first"/>, as a second server behind a load balancer.</summary>
public sealed class SecondInstance(PortalFactory first) : PortalFactory
{
    public override DatabaseProvider Provider => first.Provider;

    public override string ConnectionString => first.ConnectionString;

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task StopDatabaseAsync() => throw new NotSupportedException();
}
