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
        Assert.Equal("PasswordTooCommon", error.Code);
        Assert.Contains("容易被猜中", error.Description);
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
    [InlineData("门前两棵枣树2021年结了果")]
    [InlineData("Gentle-Harbor-Lantern-74")]
    [InlineData("tiger river 9 quiet lamp")]
    [InlineData("Demo-Password-2021")]
    public void Passphrases_are_accepted(string password)
    {
        Assert.Null(PasswordRules.Check(password, "wenxi.official"));
    }

    [Fact]
    public void The_embedded_list_is_loaded_whole()
    {
        // scripts/generate-common-passwords.py writes 31,809 entries; a resource that failed to embed would leave none.
        Assert.Equal(31_809, PasswordRules.CommonCount);
    }
}
