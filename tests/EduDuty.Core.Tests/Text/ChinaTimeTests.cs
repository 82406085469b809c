using EduDuty.Core.Text;
using Microsoft.Extensions.Time.Testing;

namespace EduDuty.Core.Tests.Text;

public sealed class ChinaTimeTests
{
    [Fact]
    public void Instants_leave_as_china_time_with_the_offset_and_days_turn_at_china_midnight()
    {
        var utc = new DateTime(2021, 11, 1, 16, 5, 0, DateTimeKind.Utc);

        Assert.Equal(new DateTimeOffset(2021, 11, 2, 0, 5, 0, TimeSpan.FromHours(8)), ChinaTime.ToChina(utc));
        Assert.Equal(TimeSpan.FromHours(8), ChinaTime.ToChina(utc).Offset);
        Assert.Equal("2021年11月2日 00:05", ChinaTime.DateTimeOf(utc));
        Assert.Equal("2021-11-02T00:05:00+08:00", ChinaTime.IsoTimestamp(utc));
        Assert.Equal(new DateOnly(2021, 11, 1), ChinaTime.Today(new FakeTimeProvider(new DateTimeOffset(2021, 11, 1, 15, 59, 59, TimeSpan.Zero))));
        Assert.Equal(new DateOnly(2021, 11, 2), ChinaTime.Today(new FakeTimeProvider(new DateTimeOffset(2021, 11, 1, 16, 0, 0, TimeSpan.Zero))));
    }
}
