using Microsoft.Extensions.Time.Testing;

namespace EduDuty.Testing;

/// <summary>
/// The tests' one "now": the portal, the template databases and the use cases under test read it from a
/// <see cref="FakeTimeProvider"/>, never from the wall clock, so that a test does not change its outcome with the day it runs.
/// A test that needs time to pass advances the fake clock.
/// </summary>
public static class TestClock
{
    /// <summary>
    /// 10:00 on 1 November 2021 in China (02:00 UTC): the counties are filling in their 2021 evaluations, which the demo data
    /// opens without a deadline; its evidence is dated September 2021.
    /// </summary>
    public static readonly DateTimeOffset Start = new(2021, 11, 1, 2, 0, 0, TimeSpan.Zero);

    /// <summary>A fake clock at <see cref="Start"/> that stands still until a test advances it.</summary>
    public static FakeTimeProvider New() => new(Start);

    /// <summary>
    /// A fake clock at <see cref="Start"/> that moves on a millisecond each time it is read, as a server's clock does between
    /// two requests: a portal under test never stamps two steps with the same instant (a submission and the resubmission
    /// after a return, the audit entries before and after a return), yet every run reads the same times in the same order.
    /// </summary>
    public static FakeTimeProvider Running() => new(Start) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
}

/// <summary>
/// The portal's clock in tests: it forwards to a <see cref="TestClock.Running"/> fake clock, which <see cref="Restart"/>
/// replaces by a new one at <see cref="TestClock.Start"/>, so that a host shared by several test classes starts each class at
/// the same moment (a fake clock itself only moves forward).
/// </summary>
public sealed class RestartableClock : TimeProvider
{
    private FakeTimeProvider _current = TestClock.Running();

    /// <summary>The fake clock in use now: advance it to let time pass.</summary>
    public FakeTimeProvider Current => _current;

    public void Restart() => _current = TestClock.Running();

    public override DateTimeOffset GetUtcNow() => _current.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => _current.LocalTimeZone;

    public override long TimestampFrequency => _current.TimestampFrequency;

    public override long GetTimestamp() => _current.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _current.CreateTimer(callback, state, dueTime, period);
}
