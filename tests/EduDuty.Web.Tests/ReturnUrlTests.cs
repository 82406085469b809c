using System.Net;
using EduDuty.Web.Infrastructure;
using EduDuty.Web.Tests.Infrastructure;

namespace EduDuty.Web.Tests;

/// <summary>
/// Issue 24: after sign-in the portal goes back only to a path of its own, judged after decoding: encoded slashes and
/// backslashes, tabs and line breaks a browser drops, and scheme-relative or absolute addresses all lead home instead.
/// </summary>
[Collection(SqlitePortal.Name)]
public sealed class ReturnUrlTests(SqlitePortalFactory factory) : PortalTests<SqlitePortalFactory>(factory)
{
    public static readonly TheoryData<string> OffSite =
    [
        "//evil.example",
        "/%2F%2Fevil.example",
        "/%2f%2fevil.example/path",
        "%2F%2Fevil.example",
        "/%252F%252Fevil.example",
        "/%25252F%25252Fevil.example",
        "/\\evil.example",
        "/%5Cevil.example",
        "/%5C%5Cevil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "/%09/evil.example",
        "/%0D%0A/evil.example",
        "https://evil.example/",
        "http:evil.example",
        "javascript:alert(1)",
        " /Evaluations",
        "",
    ];

    [Theory]
    [MemberData(nameof(OffSite))]
    public void An_address_that_is_or_decodes_to_another_site_is_not_local(string returnUrl) =>
        Assert.False(ReturnUrls.IsLocalPath(returnUrl), returnUrl);

    [Theory]
    [InlineData("/")]
    [InlineData("/Evaluations/12")]
    [InlineData("/Evaluations/12/Areas/A01?year=2021#a")]
    [InlineData("/Oversight?region=%E8%BF%90%E5%9F%8E%E5%B8%82")]
    public void A_path_of_the_portal_is_local(string returnUrl) => Assert.True(ReturnUrls.IsLocalPath(returnUrl), returnUrl);

    [Theory]
    [InlineData("/%2F%2Fevil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("%2F%2Fevil.example", "/")]
    [InlineData("/Evaluations", "/Evaluations")]
    public async Task Sign_in_goes_back_only_to_a_local_path(string returnUrl, string expected)
    {
        var client = PortalClient.For(Factory);

        var response = await client.SubmitAsync("/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), "#login-form", new Dictionary<string, string>
        {
            ["Input.UserName"] = "wenxi.official", ["Input.Password"] = PortalClient.DemoPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }
}
