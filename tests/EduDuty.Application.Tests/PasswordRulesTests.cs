using EduDuty.Application.Security;

namespace EduDuty.Application.Tests;

/// <summary>
/// ASVS V6.2: passwords on the lists attackers try first, and the shapes people fall back on when told "at least 12
/// characters", are refused; long passphrases in any script are accepted. The weak examples are ones published lists of
/// leaked passwords rank near the top, and the Chinese ones (520 = 我爱你, 1314 = 一生一世) are the well-known phrases.
/// </summary>
public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData("123456789012")] // a straight run on the digits
    [InlineData("210987654321")]
    [InlineData("aaaaaaaaaaaa")] // one character repeated
    [InlineData("abcdefghijkl")] // the alphabet
    [InlineData("qwertyuiop12")] // a keyboard row with digits
    [InlineData("1qaz2wsx3edc")] // a keyboard walk
    [InlineData("123123123123")] // a short piece repeated
    [InlineData("520520520520")]
    [InlineData("Password1234")] // a common word with a common ending, whatever its case
    [InlineData("iloveyou2021")]
    [InlineData("woaini1314520")]
    [InlineData("5201314123321")]
    [InlineData("admin1234567")]
    public void Common_and_patterned_passwords_are_refused(string password)
    {
        var error = PasswordRules.Check(password, "someone");

        Assert.NotNull(error);
        Assert.Contains(error.Code, new[] { "PasswordTooCommon", "PasswordBreached", "PasswordPattern", "PasswordKeyboardWalk" });
        Assert.Contains("请换一句只有您知道的话", error.Description);
    }

    [Theory]
    [InlineData("wenxi.official2021", "wenxi.official")]
    [InlineData("My-WENXI.LEAD-key", "wenxi.lead")]
    public void A_password_holding_the_user_name_is_refused(string password, string userName)
    {
        Assert.Equal("PasswordContainsUserName", PasswordRules.Check(password, userName)?.Code);
    }

    [Fact]
    public void More_than_128_characters_are_refused_and_128_are_accepted()
    {
        var accepted = string.Concat(Enumerable.Range(0, 16).Select(i => $"枣树{i:D2}-结果!"))[..128];

        Assert.Null(PasswordRules.Check(accepted, "someone"));
        Assert.Equal("PasswordTooLong", PasswordRules.Check(accepted + "x", "someone")?.Code);
        Assert.Equal("PasswordTooLong", PasswordRules.Check(new string('长', 5000), "someone")?.Code);
    }

    [Theory]
    [InlineData("院里三棵桃树2019年开了花")]
    [InlineData("Gentle-Harbor-Lantern-74")]
    [InlineData("tiger river 9 quiet lamp")]
    [InlineData("correct horse battery staple")]
    [InlineData("Xiaxian-taohua-kai-le-3")]
    public void Passphrases_are_accepted(string password)
    {
        Assert.Null(PasswordRules.Check(password, "wenxi.official", "闻喜县填报员"));
    }

    /// <summary>
    /// Issue 24: twenty passwords that passed the rules before, each refused now with a Chinese reason. The issue names four
    /// (Admin@123456, Aa1234567890, !QAZ2wsx#EDC and the published demo password); the others are the same shapes — a word
    /// with a digit run, keyboard walks with shifted keys, dates, the portal's name, repeats — each checked to have passed the
    /// rules of issue 13.
    /// </summary>
    [Theory]
    [InlineData("Admin@123456", "PasswordWeak")]
    [InlineData("Aa1234567890", "PasswordPattern")]
    [InlineData("!QAZ2wsx#EDC", "PasswordKeyboardWalk")]
    [InlineData("Demo-Password-2021", "PasswordDeploymentWord")]
    [InlineData("P@ssw0rd2021!", "PasswordWeak")]
    [InlineData("Qwer1234!@#$", "PasswordPattern")]
    [InlineData("Abcd@1234567", "PasswordPattern")]
    [InlineData("1qaz@WSX3edc", "PasswordKeyboardWalk")]
    [InlineData("1qazxsw23edc", "PasswordBreached")]
    [InlineData("Huawei@12345", "PasswordWeak")]
    [InlineData("zhangwei19900101", "PasswordWeak")]
    [InlineData("19900101abcd", "PasswordDate")]
    [InlineData("Root@1234567", "PasswordWeak")]
    [InlineData("Welcome@2021", "PasswordWeak")]
    [InlineData("Asdf1234!@#$", "PasswordPattern")]
    [InlineData("Password@2021", "PasswordWeak")]
    [InlineData("EduDuty@2021", "PasswordDeploymentWord")]
    [InlineData("教育督导2021年度工作", "PasswordDeploymentWord")]
    [InlineData("门前两棵枣树2021年结了果", "PasswordDeploymentWord")] // the example the refusals give, copied as it stands
    [InlineData("aaaa1111bbbb", "PasswordPattern")]
    [InlineData("abcabc123123", "PasswordPattern")]
    public void Passwords_that_passed_before_are_refused_with_a_chinese_reason(string password, string code)
    {
        var error = PasswordRules.Check(password, "xiaxian.official", "夏县填报员");

        Assert.NotNull(error);
        Assert.Equal(code, error.Code);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", error.Description);
        Assert.Contains("请", error.Description); // it says what to do next
    }

    [Theory]
    [InlineData("wenxi-2021-qiuhe-lamp")] // a part of the user name
    [InlineData("闻喜县填报员的新钥匙2022")] // the display name
    public void The_users_own_words_are_refused(string password)
    {
        Assert.Equal("PasswordContainsUserName", PasswordRules.Check(password, "wenxi.official", "闻喜县填报员")?.Code);
    }

    [Fact]
    public void A_breached_password_of_twelve_characters_is_refused_as_breached()
    {
        // Both are among the 100,000 most common of the breach corpus (breached-passwords.txt, decision 0029), not generated ones.
        Assert.Equal("PasswordBreached", PasswordRules.Check("sonyericsson", "someone")?.Code);
        Assert.Equal("PasswordBreached", PasswordRules.Check("Unbelievable", "someone")?.Code);
    }

    [Fact]
    public void The_strength_estimate_tells_a_passphrase_from_words_with_digits()
    {
        Assert.True(PasswordRules.Score("Admin@123456") < PasswordRules.MinimumScore);
        Assert.True(PasswordRules.Score("Gentle-Harbor-Lantern-74") >= PasswordRules.MinimumScore);
    }

    [Fact]
    public void The_embedded_lists_are_loaded_whole()
    {
        // scripts/generate-common-passwords.py writes 31,809 entries, scripts/generate-breached-passwords.sh 100,000; a resource
        // that failed to embed would leave none.
        Assert.Equal(31_809, PasswordRules.CommonCount);
        Assert.Equal(100_000, PasswordRules.BreachedCount);
    }
}
