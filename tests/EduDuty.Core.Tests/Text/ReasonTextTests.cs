using EduDuty.Core.Text;

namespace EduDuty.Core.Tests.Text;

/// <summary>The one rule for a reason given with a decision: its length and no invisible control characters, one wording.</summary>
public sealed class ReasonTextTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("材料清晰，同意。")]
    public void A_plain_reason_within_the_limit_passes(string? reason) => Assert.Null(ReasonText.Check(reason, "评定理由", 10));

    [Fact]
    public void One_character_over_the_limit_is_refused_naming_what_and_the_limit()
    {
        var refusal = ReasonText.Check(new string('字', 11), "评定理由", 10);

        Assert.Equal("评定理由最多 10 个字符，且不能含有不可见的控制字符，请修改后重新提交。", refusal?.Text);
        Assert.Equal("reason-invalid", refusal?.Code);
    }

    [Theory]
    [InlineData("名单\u0007未盖章")]   // BEL
    [InlineData("名单\u001B[31m")]     // ESC, a terminal colour sequence
    [InlineData("名单\u0000")]         // NUL
    public void An_invisible_control_character_is_refused(string reason) => Assert.NotNull(ReasonText.Check(reason, "评定理由", 1000));
}
