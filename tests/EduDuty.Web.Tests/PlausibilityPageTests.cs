using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using EduDuty.Core.Review;
using EduDuty.Web.Tests.Infrastructure;

namespace EduDuty.Web.Tests;

/// <summary>
/// Plausibility rules as an official, a lead and a supervisor meet them (issue 26): beside the field while typing and after a
/// refused save, in the import preview, on the overview, and in the submission's confirmation. Expected sentences from the
/// catalog's formulas: (6 + 6) / 6 × 100 = 200 %, (57628 − 1500) / 1500 × 100 = 3741.87 %.
/// </summary>
public abstract class PlausibilityPageTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private const string Refused200 =
        "学校党组织覆盖率（A01.08）算得 200%，超过 100%（单建党组织覆盖学校数 6所、联建党组织覆盖学校数 6所、应覆盖学校数 6所）：比例和覆盖率不能超过 100%，请核对后修改（不修改不能保存）。";

    private static readonly Dictionary<string, string> SixSixSix = new()
    {
        ["Form.Values[A01.08.1]"] = "6", ["Form.Values[A01.08.2]"] = "6", ["Form.Values[A01.08.3]"] = "6",
    };

    [Fact]
    public async Task A_refused_save_shows_the_reason_beside_the_share_and_stores_nothing()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        var response = await client.SubmitAsync(Wenxi.AreaUrl(Id, "A01_PARTY"), "#area-form", SixSixSix);
        var page = await PortalClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(Refused200, page.QuerySelector("#error-summary")!.TextContent);
        var beside = page.QuerySelector("[data-plausibility-for='A01.08'] .plausibility-hard")!;
        Assert.Equal("不合理 " + Refused200, string.Join(" ", beside.TextContent.Split(default(char[]), StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("6", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#f-A01-08-2")!.Value); // what was typed stays
        Assert.Empty(await Wenxi.StoredNumbersAsync(Factory, Id));
    }

    [Fact]
    public async Task The_live_preview_says_it_while_typing()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        var response = await client.SubmitAsync(Wenxi.AreaUrl(Id, "A01_PARTY"), "#area-form", SixSixSix, handler: "Preview");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var finding = Assert.Single(json.RootElement.GetProperty("plausibility").EnumerateArray());
        Assert.Equal(("A01.08", true, Refused200), (finding.GetProperty("field").GetString(), finding.GetProperty("hard").GetBoolean(), finding.GetProperty("text").GetString()));
        Assert.Empty(await Wenxi.StoredNumbersAsync(Factory, Id));
    }

    [Fact]
    public async Task The_import_preview_refuses_200_percent_and_lists_the_growth_warning()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        var refused = await PortalClient.ParseAsync(await client.PostFileAsync($"/Evaluations/{Id}", "#import-form", "Upload", "figures.json",
            """{"scheme": "SX-2021", "figures": {"A01.08.1": 6, "A01.08.2": 6, "A01.08.3": 6}}"""));
        Assert.Contains($"A01.08.1：{Refused200}", refused.QuerySelector("#import-errors")!.TextContent);

        var warned = await PortalClient.ParseAsync(await client.PostFileAsync($"/Evaluations/{Id}", "#import-form", "Upload", "figures.json",
            """{"scheme": "SX-2021", "figures": {"A04.01": 57628, "A04.02": 1500}}"""));
        Assert.Null(warned.QuerySelector("#import-errors"));
        Assert.Contains("一般公共预算教育支出增长率（A04.03）为 3741.87%，超出 ±50% 的常见范围", warned.QuerySelector("#import-warnings [data-warning-for='A04.03']")!.TextContent);
        Assert.NotNull(warned.QuerySelector("#apply-form"));
        Assert.Empty(await Wenxi.StoredNumbersAsync(Factory, Id));
    }

    [Fact]
    public async Task The_overview_lists_the_warning_for_the_supervisor_and_the_lead_confirms_it_when_submitting()
    {
        await Wenxi.SeedCompleteFiguresAsync(Factory, Id);
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var saved = await official.SubmitAsync(Wenxi.AreaUrl(Id, "A04_FINANCE"), "#area-form",
            new Dictionary<string, string>
            {
                ["Form.Values[A04.01]"] = "57628", ["Form.Values[A04.02]"] = "1500", ["Form.Values[A04.07.1]"] = "310000", ["Form.Values[A04.07.1.prev]"] = "298000",
            });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode); // a warning never refuses a save

        var area = await official.GetDocumentAsync(Wenxi.AreaUrl(Id, "A04_FINANCE"));
        Assert.Contains("3741.87%", area.QuerySelector("[data-plausibility-for='A04.03'] .plausibility-soft")!.TextContent);

        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        var overview = await lead.GetDocumentAsync($"/Evaluations/{Id}");
        Assert.Contains("3741.87%", overview.QuerySelector("#data-warnings [data-warning-for='A04.03']")!.TextContent);
        Assert.NotNull(overview.QuerySelector("#warnings-to-confirm #despite-warnings"));

        var unconfirmed = await lead.SubmitAsync($"/Evaluations/{Id}", "#submit-form", new Dictionary<string, string> { ["Confirmed"] = "true", ["DespiteDepartments"] = "true", ["DepartmentsReason"] = Wenxi.DepartmentsReason });
        Assert.Equal(HttpStatusCode.Conflict, unconfirmed.StatusCode);
        var refused = await PortalClient.ParseAsync(unconfirmed);
        Assert.Contains("条数据提示未处理（见“审核流程”中的“数据提示”）", refused.Body!.TextContent); // where the list is, not "above"
        Assert.True(refused.QuerySelector("#confirm-submit")!.HasAttribute("checked"), "the lead's first tick survives the refusal");
        Assert.False(refused.QuerySelector("#despite-warnings")!.HasAttribute("checked"));
        Assert.Equal(EvaluationStatus.Draft, await Wenxi.StatusAsync(Factory, Id));

        var confirmed = await lead.SubmitAsync($"/Evaluations/{Id}", "#submit-form", new Dictionary<string, string> { ["Confirmed"] = "true", ["DespiteDepartments"] = "true", ["DepartmentsReason"] = Wenxi.DepartmentsReason, ["DespiteWarnings"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(EvaluationStatus.Submitted, await Wenxi.StatusAsync(Factory, Id));

        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        var review = await supervisor.GetDocumentAsync($"/Evaluations/{Id}");
        Assert.Contains("3741.87%", review.QuerySelector("#data-warnings [data-warning-for='A04.03']")!.TextContent);
        Assert.NotNull(review.QuerySelector("#return-form option[value='A04.03']"));
    }

    [Fact]
    public async Task A_tick_given_to_one_list_of_warnings_does_not_confirm_a_warning_that_arrived_since()
    {
        // Attacker's review: the lead opens the submission with one warning (spending +3741.87 %) and ticks it; meanwhile an
        // official enters figures that add another (students +73.21 % on last year's). The tick was for one list, not the other.
        await Wenxi.SeedCompleteFiguresAsync(Factory, Id);
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        Assert.Equal(HttpStatusCode.Redirect, (await official.SubmitAsync(Wenxi.AreaUrl(Id, "A04_FINANCE"), "#area-form",
            new Dictionary<string, string> { ["Form.Values[A04.01]"] = "57628", ["Form.Values[A04.02]"] = "1500" })).StatusCode);
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        var seen = await lead.GetDocumentAsync($"/Evaluations/{Id}");
        var listed = seen.QuerySelectorAll("#warnings-to-confirm li").Length;

        Assert.Equal(HttpStatusCode.Redirect, (await official.SubmitAsync(Wenxi.AreaUrl(Id, "A04_FINANCE"), "#area-form",
            new Dictionary<string, string> { ["Form.Values[A04.04]"] = "34642", ["Form.Values[A04.04.prev]"] = "20000" })).StatusCode);
        var stale = await lead.SubmitAsync(seen, $"/Evaluations/{Id}", "#submit-form", new Dictionary<string, string> { ["Confirmed"] = "true", ["DespiteDepartments"] = "true", ["DepartmentsReason"] = Wenxi.DepartmentsReason, ["DespiteWarnings"] = "true" });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var asked = await PortalClient.ParseAsync(stale);
        Assert.Contains("打开提交页面后数据提示有变化", asked.Body!.TextContent);
        Assert.Equal(listed + 1, asked.QuerySelectorAll("#warnings-to-confirm li").Length);
        Assert.Equal(EvaluationStatus.Draft, await Wenxi.StatusAsync(Factory, Id));

        var confirmed = await lead.SubmitAsync(asked, $"/Evaluations/{Id}", "#submit-form", new Dictionary<string, string> { ["Confirmed"] = "true", ["DespiteDepartments"] = "true", ["DepartmentsReason"] = Wenxi.DepartmentsReason, ["DespiteWarnings"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(EvaluationStatus.Submitted, await Wenxi.StatusAsync(Factory, Id));
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqlitePlausibilityPageTests(SqlitePortalFactory factory) : PlausibilityPageTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresPlausibilityPageTests(PostgresPortalFactory factory) : PlausibilityPageTests<PostgresPortalFactory>(factory);
