using EduDuty.Core.Regions;
using EduDuty.Core.Text;

namespace EduDuty.Core.Tests.Text;

public sealed class ChineseTextTests
{
    [Theory]
    [InlineData(1, "一")]
    [InlineData(9, "九")]
    [InlineData(10, "十")]
    [InlineData(11, "十一")]
    [InlineData(12, "十二")]
    [InlineData(20, "二十")]
    [InlineData(42, "四十二")]
    public void Ordinals_read_as_in_documents(int number, string expected) =>
        Assert.Equal(expected, ChineseNumerals.Of(number));

    [Fact]
    public void China_time_is_utc_plus_eight_and_dates_are_unpadded()
    {
        Assert.Equal("2021年11月10日 08:30", ChinaTime.DateTimeOf(new DateTime(2021, 11, 10, 0, 30, 0, DateTimeKind.Utc)));
        Assert.Equal("2021年1月1日 07:59", ChinaTime.DateTimeOf(new DateTime(2020, 12, 31, 23, 59, 0, DateTimeKind.Utc)));
    }

    [Theory]
    [InlineData("140000", RegionLevel.Province)]
    [InlineData("140800", RegionLevel.City)]
    [InlineData("140823", RegionLevel.County)]
    public void Administrative_code_level(string code, RegionLevel level)
    {
        Assert.True(AdministrativeCode.IsWellFormed(code));
        Assert.Equal(level, AdministrativeCode.LevelOf(code));
    }

    [Theory]
    [InlineData("14082")]
    [InlineData("1408233")]
    [InlineData("14082a")]
    [InlineData("040823")]
    [InlineData(null)]
    public void Malformed_administrative_codes(string? code) => Assert.False(AdministrativeCode.IsWellFormed(code));
}
