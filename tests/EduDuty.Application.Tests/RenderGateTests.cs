using EduDuty.Application.Reports;
using EduDuty.Core.Messaging;
using EduDuty.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace EduDuty.Application.Tests;

/// <summary>
/// Issue 24: no download pins the machine. At most N renderings at once, the N+1st waits its time on the clock and is
/// refused with a message (503); a rendering past its budget stops between two units of work with a message; a client that
/// leaves stops the work; a slot is given back whatever the end. Time passes on the fake clock only.
/// </summary>
public sealed class RenderGateTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = TestClock.New();

    private RenderGate Gate(int slots, double waitSeconds = 0, double budgetSeconds = 30) => new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Report:ConcurrentRenders"] = slots.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Report:RenderWaitSeconds"] = waitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Report:RenderBudgetSeconds"] = budgetSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }).Build(), _clock, NullLogger<RenderGate>.Instance);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task The_renderings_past_the_limit_are_refused_with_a_message_and_a_slot_given_back_is_taken_again(int slots)
    {
        using var gate = Gate(slots);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = Enumerable.Range(0, slots).Select(_ => gate.RunAsync("报告", (_, _) => release.Task, default)).ToList();
        Assert.Equal(slots, gate.Busy);

        var refused = await gate.RunAsync("报告", (_, _) => Task.FromResult(1), default);

        Assert.Equal(OutcomeKind.Refused, refused.Kind);
        Assert.Equal(("render-busy", RefusalKind.Unavailable), (refused.Reason!.Code, refused.Reason.Kind));
        Assert.Equal("服务器正在生成其他文件，暂时无法生成报告。请稍等一两分钟后重试。", refused.Refusal);
        release.SetResult(7);
        Assert.All(await Task.WhenAll(running), o => Assert.Equal(7, o.Value));
        Assert.Equal(0, gate.Busy);
        Assert.Equal(8, (await gate.RunAsync("报告", (_, _) => Task.FromResult(8), default)).Value);
    }

    [Fact]
    public async Task A_rendering_waits_for_a_slot_until_its_wait_is_spent_on_the_clock()
    {
        using var gate = Gate(1, waitSeconds: 10);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = gate.RunAsync("报告", (_, _) => release.Task, default);

        var second = gate.RunAsync("报告", (_, _) => Task.FromResult(2), default);
        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(second.IsCompleted);
        var third = gate.RunAsync("报告", (_, _) => Task.FromResult(3), default);
        _clock.Advance(TimeSpan.FromSeconds(1)); // the second's wait is spent; the third has waited 1 s of its 10
        Assert.Equal("render-busy", (await second).Reason?.Code);
        release.SetResult(1);

        Assert.Equal(1, (await first).Value);
        Assert.Equal(3, (await third).Value); // a slot given back goes to the one still waiting
    }

    [Fact]
    public async Task A_rendering_past_its_budget_stops_between_two_units_and_says_so()
    {
        using var gate = Gate(1, budgetSeconds: 30);
        var units = 0;

        var outcome = await gate.RunAsync("报告", progress =>
        {
            while (true)
            {
                progress.Step(); // a page
                if (progress.Steps == 3) _clock.Advance(TimeSpan.FromSeconds(30)); // the third page took the rest of the budget
            }
#pragma warning disable CS0162 // the loop ends only by the budget
            return 0;
#pragma warning restore CS0162
        }, default, n => units = n);

        Assert.Equal(("render-too-long", RefusalKind.Unavailable), (outcome.Reason!.Code, outcome.Reason.Kind));
        Assert.Equal("生成报告用时过长，已停止。请稍后重试；如果一再出现，请联系管理员。", outcome.Refusal);
        Assert.Equal(3, units);
        Assert.Equal(0, gate.Busy);
    }

    [Fact]
    public async Task A_client_that_leaves_stops_the_rendering_and_frees_its_slot()
    {
        using var gate = Gate(1);
        using var request = new CancellationTokenSource();
        var units = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.RunAsync("报告", progress =>
        {
            while (true)
            {
                progress.Step();
                if (progress.Steps == 2) request.Cancel(); // the browser is closed while page 2 is made
            }
#pragma warning disable CS0162
            return 0;
#pragma warning restore CS0162
        }, request.Token, n => units = n));

        Assert.Equal(2, units);
        Assert.Equal(0, gate.Busy);
    }

    [Fact]
    public void By_default_one_core_is_left_to_the_pages()
    {
        using var gate = new RenderGate(new ConfigurationBuilder().Build(), _clock, NullLogger<RenderGate>.Instance);

        Assert.Equal(Math.Max(1, Environment.ProcessorCount - 1), gate.Slots);
        Assert.Equal(TimeSpan.FromSeconds(30), gate.Budget);
    }
}
