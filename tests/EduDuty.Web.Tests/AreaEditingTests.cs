using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

public abstract class AreaEditingTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{

    [Fact]
    public async Task Official_saves_preschool_figures_and_sees_the_derived_rates_judged()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        var response = await client.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", Wenxi.Values(Wenxi.PreschoolFigures));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var page = await client.GetDocumentAsync(Wenxi.AreaUrl(Id));
        Assert.Contains("已保存 4 项修改", page.QuerySelector("#saved-message")!.TextContent);
        Assert.Equal("99.82 %", page.QuerySelector("[data-derived='A10.03']")!.TextContent);
        Assert.Equal("达标", page.QuerySelector("[data-status-for='A10.03']")!.TextContent);
        Assert.Equal("55.77 %", page.QuerySelector("[data-derived='A10.06']")!.TextContent);
        Assert.Equal("公办园在园幼儿占比 55.77%，目标 ≥ 55%，达标", page.QuerySelector("[data-reason-for='A10.06']")!.TextContent);

        var stored = await Wenxi.StoredNumbersAsync(Factory, Id);
        Assert.Equal(10755m, stored["A10.01"]);
        Assert.Equal(6776m, stored["A10.05"]);
        Assert.DoesNotContain("A10.03", stored.Keys); // derived values are never stored
    }

    [Fact]
    public async Task A_letter_in_a_count_shows_the_chinese_error_next_to_the_field_and_stores_nothing()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var figures = Wenxi.Values(Wenxi.PreschoolFigures);
        figures["Form.Values[A10.04]"] = "12l49";

        var response = await client.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", figures);
        var page = await PortalClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.StartsWith("请输入整数", page.QuerySelector("[data-error-for='A10.04']")!.TextContent);
        Assert.Contains("本次没有保存任何内容", page.QuerySelector("#error-summary")!.TextContent);
        Assert.Equal("12l49", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#f-A10-04")!.Value); // what was typed stays
        Assert.Equal("10755", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#f-A10-01")!.Value); // and every other typed value
        Assert.Equal("true", page.QuerySelector("#area-form")!.GetAttribute("data-unsaved")); // still unsaved: leaving asks first
        // What is computed from the wrong entry says so, instead of a result from stale or half data.
        Assert.Equal("无法计算", page.QuerySelector("[data-status-for='A10.06']")!.TextContent);
        Assert.Equal("无法计算：A10.04 在园幼儿总数 (含托班) 输入有误", page.QuerySelector("[data-reason-for='A10.06']")!.TextContent);
        Assert.Empty(await Wenxi.StoredNumbersAsync(Factory, Id));
        Assert.Empty(await Wenxi.AuditAsync(Factory, Id));
    }

    [Theory]
    [InlineData("１２１４９", 12149)]
    [InlineData("12,149", 12149)]
    [InlineData(" 12，149 ", 12149)]
    public async Task Full_width_digits_and_thousands_separators_are_accepted(string typed, int expected)
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        var response = await client.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", new Dictionary<string, string> { ["Form.Values[A10.04]"] = typed });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, (await Wenxi.StoredNumbersAsync(Factory, Id))["A10.04"]);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("1e309")]
    [InlineData("-3")]
    [InlineData("123456789012345678901234567890")]
    public async Task Malformed_numbers_are_refused_whole(string typed)
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var figures = Wenxi.Values(Wenxi.PreschoolFigures);
        figures["Form.Values[A10.02]"] = typed;

        var response = await client.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", figures);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.NotEmpty((await PortalClient.ParseAsync(response)).QuerySelector("[data-error-for='A10.02']")!.TextContent);
        Assert.Empty(await Wenxi.StoredNumbersAsync(Factory, Id));
    }

    [Fact]
    public async Task A_control_character_in_a_figure_is_refused_naming_the_indicator_and_nothing_is_stored()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var figures = Wenxi.Values(Wenxi.PreschoolFigures);
        figures["Form.Values[A10.02]"] = "12\u0001";

        var response = await client.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", figures);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("“指标填报内容（A10.02）”中含有不可见的控制字符", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await Wenxi.StoredNumbersAsync(Factory, Id));
    }

    [Fact]
    public async Task The_refusal_page_of_a_control_character_says_the_typed_text_is_kept_by_going_back()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var figures = Wenxi.Values(Wenxi.PreschoolFigures);
        figures["Form.Values[A10.02]"] = "12\u0001";

        var page = await PortalClient.ParseAsync(await client.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", figures));

        Assert.Contains("后退", page.QuerySelector("#back-hint")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("内容仍在", page.QuerySelector("#back-hint")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_narrative_naming_an_unknown_code_is_refused_and_nothing_else_is_stored_either()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var changes = Wenxi.Values(Wenxi.PreschoolFigures);
        changes["Form.Narrative"] = "毛入园率{A10.03}%,另有{A10.77}。";

        var response = await client.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", changes);
        var page = await PortalClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("A10.77", page.QuerySelector("[data-valmsg-for='Form.Narrative']")!.TextContent);
        Assert.Empty(await Wenxi.StoredNumbersAsync(Factory, Id));
        Assert.Equal(0, await Factory.WithDbAsync(db => Task.FromResult(db.AreaNarratives.Count(n => n.EvaluationId == Id))));
    }

    [Fact]
    public async Task A_new_evaluation_starts_from_the_schemes_default_texts_and_a_valid_text_saves()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var page = await client.GetDocumentAsync(Wenxi.AreaUrl(Id));
        Assert.Contains("学前三年毛入园率达{A10.03}%", page.QuerySelector("#narrative")!.TextContent);

        var response = await client.SubmitAsync(page, Wenxi.AreaUrl(Id), "#area-form", new Dictionary<string, string>
        {
            ["Form.Narrative"] = "全县毛入园率{A10.03}%,{A10.03?完成了:未完成}目标。",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var text = await Factory.WithDbAsync(db => Task.FromResult(db.AreaNarratives.Single(n => n.EvaluationId == Id).Text));
        Assert.Equal("全县毛入园率{A10.03}%，{A10.03?完成了:未完成}目标。", text); // typed with a half-width comma, saved as Chinese prose takes it
    }

    [Fact]
    public async Task Supervisor_reads_the_area_but_cannot_save()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        var page = await client.GetDocumentAsync(Wenxi.AreaUrl(Id));
        Assert.True(page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#f-A10-01")!.IsDisabled);
        Assert.Null(page.QuerySelector("#save"));

        var form = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#area-form")!;
        var fields = PortalClient.FormValues(form);
        fields["Form.Values[A10.01]"] = "1";
        var response = await client.Http.PostAsync(Wenxi.AreaUrl(Id), new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await Wenxi.StoredNumbersAsync(Factory, Id));
    }

    [Fact]
    public async Task Foreign_county_area_is_404_for_get_and_post()
    {
        var foreign = await Wenxi.EvaluationIdAsync(Factory, "140525");
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var ownPage = await client.GetDocumentAsync(Wenxi.AreaUrl(Id));
        var fields = PortalClient.FormValues(ownPage.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#area-form")!);
        fields["Form.Values[A10.01]"] = "1";

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync(Wenxi.AreaUrl(foreign))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.PostAsync(Wenxi.AreaUrl(foreign), new FormUrlEncodedContent(fields))).StatusCode);
        Assert.Empty(await Wenxi.StoredNumbersAsync(Factory, foreign));
    }

    [Fact]
    public async Task Preview_recomputes_from_what_is_typed_without_storing_it()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        var response = await client.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", Wenxi.Values(Wenxi.PreschoolFigures), handler: "Preview");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var rate = json.RootElement.GetProperty("results").GetProperty("A10.03");
        Assert.Equal("99.82 %", rate.GetProperty("text").GetString());
        Assert.Equal("达标", rate.GetProperty("label").GetString());
        Assert.Empty(await Wenxi.StoredNumbersAsync(Factory, Id));
    }

    [Fact]
    public async Task Required_fields_are_marked_and_the_missing_filter_shows_only_the_empty_required_ones()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        await client.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", Wenxi.Values(Wenxi.PreschoolFigures));

        var all = await client.GetDocumentAsync(Wenxi.AreaUrl(Id));
        var filtered = await client.GetDocumentAsync(Wenxi.AreaUrl(Id) + "?missing=1");

        // 学前教育 has 8 required inputs (catalog count, see CompletenessTests); four of them were just saved.
        Assert.Equal(8, all.QuerySelectorAll("li.field-row[data-required='true']").Length);
        Assert.Equal(8, all.QuerySelectorAll("li.field-row .required-badge").Length);
        Assert.StartsWith("必填 8 项，已填 4 项；另有选填", all.QuerySelector("#area-counts")!.TextContent.Trim());
        var shown = filtered.QuerySelectorAll("li.field-row:not([hidden])").Select(r => r.GetAttribute("data-code")).ToList();
        Assert.Equal(4, shown.Count);
        Assert.DoesNotContain("A10.01", shown);
        Assert.All(shown, code => Assert.Equal("true", filtered.QuerySelector($"li[data-code='{code}']")!.GetAttribute("data-required")));
    }

    [Fact]
    public async Task A_derived_field_explains_its_formula_in_words_and_an_input_its_definition_and_source()
    {
        var page = await (await PortalClient.For(Factory).SignedInAsync("wenxi.official")).GetDocumentAsync(Wenxi.AreaUrl(Id));

        Assert.Equal("公办园在园幼儿数 ÷ 在园幼儿总数 (含托班) × 100%", page.QuerySelector("li[data-code='A10.06'] .formula-words")!.TextContent);
        var help = page.QuerySelector("li[data-code='A10.01'] .field-help")!.TextContent;
        Assert.Contains("出生人数", help);
        Assert.Contains("数据来源", help);
        Assert.DoesNotContain("种子口径", page.QuerySelector("li[data-code='A10.01'] label")!.TextContent);
    }

    [Theory]
    [InlineData("全县学前三年毛入园率达｛A10.03｝%。", "全县学前三年毛入园率达{A10.03}%。")]
    [InlineData("｛A10.03？完成了：未完成｝目标。", "{A10.03?完成了:未完成}目标。")]
    public async Task Placeholders_typed_with_full_width_braces_are_stored_as_placeholders(string typed, string stored)
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        var response = await client.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", new Dictionary<string, string> { ["Form.Narrative"] = typed });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(stored, await Factory.WithDbAsync(db => db.AreaNarratives.Where(n => n.EvaluationId == Id && n.AreaKey == "A10_PRESCHOOL").Select(n => n.Text).SingleAsync()));
    }

    [Fact]
    public async Task A_read_only_area_shows_the_text_with_its_figures_not_the_placeholder_source()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        await official.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", Wenxi.Values(Wenxi.PreschoolFigures));
        await official.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", new Dictionary<string, string> { ["Form.Narrative"] = "毛入园率达{A10.03}%。" });

        var page = await (await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor")).GetDocumentAsync(Wenxi.AreaUrl(Id));

        Assert.Null(page.QuerySelector("textarea#narrative"));
        Assert.Equal("毛入园率达99.82%。", page.QuerySelector("#narrative-preview")!.TextContent.Trim());
        Assert.DoesNotContain("{A10.03}", page.Body!.TextContent);
    }

    [Fact]
    public async Task Unknown_area_is_404()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync(Wenxi.AreaUrl(Id, "A99_NOTHING"))).StatusCode);
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteAreaEditingTests(SqlitePortalFactory factory) : AreaEditingTests<SqlitePortalFactory>(factory);
