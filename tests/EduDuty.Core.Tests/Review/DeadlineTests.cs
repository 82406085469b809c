using EduDuty.Core.Review;

namespace EduDuty.Core.Tests.Review;

public sealed class DeadlineTests
{
    private static readonly DateOnly Today = new(2021, 11, 10);

    // Issue 27: reminders only at exactly 7 or 1 days left, so a deadline set 4 days ahead gave nothing until its last day.
    [Theory]
    [InlineData(30, null)]
    [InlineData(8, null)]
    [InlineData(7, 7)]
    [InlineData(4, 7)]
    [InlineData(2, 7)]
    [InlineData(1, 1)]
    [InlineData(0, 1)]
    [InlineData(-1, null)] // late: the draft is blocked, an admin is asked to extend
    public void A_draft_is_due_a_reminder_whenever_seven_days_or_one_day_or_less_remain(int daysLeft, int? threshold)
    {
        var state = DeadlineState.Of(EvaluationStatus.Draft, Today.AddDays(daysLeft), null, Today);

        Assert.Equal(threshold, state.ReminderThreshold);
        Assert.Null(DeadlineState.Of(EvaluationStatus.Submitted, Today.AddDays(daysLeft), null, Today).ReminderThreshold);
        Assert.Null(DeadlineState.Of(EvaluationStatus.Draft, null, null, Today).ReminderThreshold);
    }

    [Fact]
    public void On_time_counts_the_days_left()
    {
        var state = DeadlineState.Of(EvaluationStatus.Draft, new(2021, 11, 15), null, Today);

        Assert.Equal((DeadlineKind.OnTime, 5), (state.Kind, state.DaysLeft));
        Assert.Equal("距截止还有 5 天（2021年11月15日）", state.Describe());
        Assert.False(state.BlocksDraft);
    }

    [Fact]
    public void A_draft_past_its_deadline_is_late_and_blocked_until_extended()
    {
        var late = DeadlineState.Of(EvaluationStatus.Draft, new(2021, 11, 9), null, Today);
        var extended = DeadlineState.Of(EvaluationStatus.Draft, new(2021, 11, 9), new(2021, 11, 20), Today);

        Assert.True(late.BlocksDraft);
        Assert.StartsWith("已逾期", late.Describe());
        Assert.False(extended.BlocksDraft);
        Assert.Contains("已延期", extended.Describe());
    }

    [Fact]
    public void Returned_evaluations_stay_open_and_submitted_ones_are_locked()
    {
        Assert.False(DeadlineState.Of(EvaluationStatus.Returned, new(2021, 11, 1), null, Today).BlocksDraft);
        Assert.Equal(DeadlineKind.Locked, DeadlineState.Of(EvaluationStatus.Submitted, new(2021, 11, 1), null, Today).Kind);
        Assert.Equal(DeadlineKind.None, DeadlineState.Of(EvaluationStatus.Draft, null, null, Today).Kind);
    }

    [Fact]
    public void The_last_day_is_still_on_time()
    {
        Assert.Equal("今天截止", DeadlineState.Of(EvaluationStatus.Draft, Today, null, Today).Describe());
    }
}
