using EduDuty.Core.Review;

namespace EduDuty.Core.Tests.Review;

public sealed class YearDeadlineTests
{
    private static readonly (string, DateOnly)[] Set =
    [
        ("/140000/", new DateOnly(2021, 12, 31)),          // the province
        ("/140000/140800/", new DateOnly(2021, 11, 30)),   // 运城市, deeper: it wins for its counties
        ("/140000/140500/140525/", new DateOnly(2021, 12, 15)), // one county of 晋城市
    ];

    [Theory]
    [InlineData("/140000/140800/140823/", "2021-11-30")] // 闻喜: its city's
    [InlineData("/140000/140500/140525/", "2021-12-15")] // its own
    [InlineData("/140000/140500/140502/", "2021-12-31")] // the province's
    public void A_county_takes_the_deadline_of_the_deepest_region_on_its_path(string county, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DeadlineState.YearDeadlineFor(county, Set));

    [Fact]
    public void A_county_of_another_province_has_none() =>
        Assert.Null(DeadlineState.YearDeadlineFor("/130000/130100/130102/", Set));
}
