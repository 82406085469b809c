using EduDuty.Core.Review;

namespace EduDuty.Core.Tests.Review;

/// <summary>A year deadline that looks like a slip asks the admin to confirm it: a day already past, or one before the year ends.</summary>
public sealed class UnusualDeadlineTests
{
    private static readonly DateOnly Today = new(2021, 11, 10);

    [Theory]
    [InlineData(2021, 11, 9, "截止日期 2021年11月9日 已经过去，设置后未提交的县将立即不能填报")]
    [InlineData(2021, 11, 30, "截止日期 2021年11月30日 早于 2021 年度结束（2021年12月31日）")]
    public void Past_days_and_days_before_the_year_ends_are_questioned(int y, int m, int d, string why)
    {
        Assert.Equal(why, DeadlineState.Unusual(new DateOnly(y, m, d), 2021, Today));
    }

    [Theory]
    [InlineData(2021, 12, 31)]
    [InlineData(2022, 3, 31)]
    public void A_day_after_the_year_ends_is_normal(int y, int m, int d)
    {
        Assert.Null(DeadlineState.Unusual(new DateOnly(y, m, d), 2021, Today));
    }
}
