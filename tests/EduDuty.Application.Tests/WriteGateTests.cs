using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// Issue 28 (review of decision 0045): the in-process SQLite write gate waits at most the connection's Default Timeout (the
/// busy timeout the driver used before the gate); a write that finds the gate held that long by a hung write is refused
/// with the catalogue's “save failed, try again”, nothing saved, and the gate serves the next write once the hung one ends.
/// </summary>
public sealed class WriteGateTests : IAsyncLifetime
{
    private readonly SqliteApplicationHost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_write_that_finds_the_gate_held_past_the_busy_timeout_is_refused_and_the_next_one_goes_in()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hung = _host.WithScopeAsync(s => s.GetRequiredService<WriteExecutor>().ExecuteAsync<Unit>("hung write", async (_, _) =>
        {
            entered.SetResult();
            await release.Task;
            return Outcome.Done();
        }, default));
        await entered.Task;

        var refused = await WriteWithTimeoutAsync("Default Timeout=1");
        Assert.False(refused.IsDone);
        Assert.Equal(Messages.SaveFailed.Code, refused.Reason?.Code);

        release.SetResult();
        Assert.True((await hung).IsDone);
        Assert.True((await WriteWithTimeoutAsync("Default Timeout=1")).IsDone);
    }

    // A write through a context on the same file whose connection string sets another Default Timeout: the same gate.
    private Task<Outcome<Unit>> WriteWithTimeoutAsync(string timeout) => _host.WithScopeAsync(s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        db.Database.SetConnectionString($"{db.Database.GetConnectionString()};{timeout}");
        return s.GetRequiredService<WriteExecutor>().ExecuteAsync<Unit>("waiting write", (_, _) => Task.FromResult(Outcome.Done()), default);
    });
}
