namespace EduDuty.Web.Tests.Infrastructure;

/// <summary>Tests that start each case from 闻喜县 2021 with no figures, texts or audit.</summary>
public abstract class EmptyWenxiTests<TFactory>(TFactory factory) : IClassFixture<TFactory>, IAsyncLifetime
    where TFactory : PortalFactory
{
    protected TFactory Factory { get; } = factory;

    protected int Id { get; private set; }

    public async Task InitializeAsync()
    {
        Id = await Wenxi.EvaluationIdAsync(Factory);
        await Wenxi.ResetAsync(Factory, Id);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
