using EduDuty.Core.Administration;

namespace EduDuty.Core.Tests.Administration;

/// <summary>
/// A user's name is what others read in threads, messages and the audit (issue 27's 个人信息 lets every user set theirs): a
/// name of spaces or zero-width characters alone would show nobody.
/// </summary>
public sealed class DisplayNameTests
{
    [Theory]
    [InlineData("\u200b")]        // zero-width space
    [InlineData("\u3000\u3000")]  // ideographic spaces
    [InlineData(" \u2060 ")]      // word joiner between spaces
    [InlineData("\ufeff")]        // byte order mark
    public void A_name_nobody_can_see_is_refused(string name)
    {
        var problem = Assert.Single(UserCsv.CheckDisplayName(name));
        Assert.Equal(UserField.DisplayName, problem.Field);
        Assert.Contains("不可见", problem.Message);
    }

    [Theory]
    [InlineData("张三")]
    [InlineData("闻喜县 填报员")]
    [InlineData("Li Wei")]
    public void A_readable_name_is_accepted(string name) => Assert.Empty(UserCsv.CheckDisplayName(name));
}
