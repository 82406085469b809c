using System.Net;
using System.Text.Json.Nodes;
using EduDuty.Core.Schemes;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests.Inputs;

/// <summary>
/// An admin of one province cannot learn whether a user name or a scheme code exists in another: a name taken there and a
/// name taken in the admin's own province get the same answer, “不可用”, and nothing is created.
/// </summary>
public abstract class NameAvailabilityTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    [Fact]
    public async Task A_user_name_taken_in_another_province_reads_like_one_taken_at_home()
    {
        await SecondProvince.SetUpAsync(Factory);
        var hebei = await PortalClient.For(Factory).SignedInAsync("hebei.admin");
        var users = await Factory.WithDbAsync(db => db.Users.CountAsync());

        async Task<string> Refusal(string name)
        {
            var response = await hebei.SubmitAsync("/Admin/Users", "#create-user-form", new Dictionary<string, string>
            {
                ["NewUserName"] = name, ["NewDisplayName"] = "新用户", ["NewRole"] = "CountyOfficial", ["NewRegion"] = SecondProvince.County,
            });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            return (await PortalClient.ParseAsync(response)).QuerySelector("#new-user-name-error")!.TextContent;
        }

        var foreign = await Refusal("wenxi.official");
        var home = await Refusal("changan.lead");

        Assert.Equal("用户名 wenxi.official 不可用，请换一个。", foreign);
        Assert.Equal(home.Replace("changan.lead", "wenxi.official", StringComparison.Ordinal), foreign);
        Assert.Equal(users, await Factory.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_scheme_code_of_another_province_is_only_unavailable()
    {
        await SecondProvince.SetUpAsync(Factory);
        var hebei = await PortalClient.For(Factory).SignedInAsync("hebei.admin");
        var json = JsonNode.Parse(BuiltInSchemes.ReadJson("SX-2021"))!.AsObject();
        json["title"] = "河北的新方案";

        var check = await hebei.PostFileAsync("/Admin/Schemes", "#scheme-upload-form", "SchemeFile", "scheme.json", json.ToJsonString());
        var errors = (await PortalClient.ParseAsync(check)).QuerySelector("#admin-errors")!.TextContent;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, check.StatusCode);
        Assert.Contains("方案代码 SX-2021 不可用，请换一个。", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("其他地区", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("已存在", errors, StringComparison.Ordinal);
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteNameAvailabilityTests(SqlitePortalFactory factory) : NameAvailabilityTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresNameAvailabilityTests(PostgresPortalFactory factory) : NameAvailabilityTests<PostgresPortalFactory>(factory);
