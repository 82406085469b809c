namespace EduDuty.Web.Tests.Infrastructure;

/// <summary>Tests that start each case from 闻喜县 2021 with no figures, texts or audit.</summary>
public abstract class EmptyWenxiTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    protected int Id { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Id = await Wenxi.EvaluationIdAsync(Factory);
        await Wenxi.ResetAsync(Factory, Id);
    }
}
