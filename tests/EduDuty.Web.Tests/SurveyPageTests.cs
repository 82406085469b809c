using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using EduDuty.Application;
using EduDuty.Application.Surveys;
using EduDuty.Core.Surveys;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests;

/// <summary>
/// The public questionnaire over HTTP (issue 31, decision 0058) on both databases, with the shipped example survey opened for
/// 闻喜县 (140823) from 1 to 30 November 2021: the page is the same for everyone (public cache, ETag, no cookie); its no-store
/// stylesheet gives the device cookie and the start stamp; a sheet sent a minute later is counted and thanked; the same device
/// again is told it was counted once; a sheet to correct comes back (422) naming its question with what was chosen; wrong,
/// problem-report and closed doors are refused.
/// </summary>
public abstract class SurveyPageTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private async Task<(string Public, string Problems, int RoundId)> DoorsAsync(string county = "140823", DateOnly? from = null)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EduDutyDbContext>();
        var links = await db.SurveyLinks.Where(l => l.County.Code == county && l.Year == 2021).ToListAsync();
        if (links.Count == 0)
        {
            var example = await db.SurveyDefinitions.Where(d => d.Code == BuiltInSurveys.ExampleCode).Select(d => d.Id).SingleAsync();
            var start = from ?? new DateOnly(2021, 11, 1);
            var opened = await scope.ServiceProvider.GetRequiredService<OpenSurveyRound>().HandleAsync(
                new OpenSurveyInput(example, 2021, county, start, start.AddDays(29)), Actor.CommandLine, default);
            Assert.True(opened.IsDone, opened.Refusal);
            links = await db.SurveyLinks.Where(l => l.County.Code == county && l.Year == 2021).ToListAsync();
        }

        return (links.Single(l => l.Channel == SurveyChannel.Public).Token, links.Single(l => l.Channel == SurveyChannel.Problems).Token, links[0].RoundId);
    }

    [Fact]
    public async Task The_questionnaire_is_cacheable_sets_no_cookie_and_says_who_asks_what_is_kept_and_every_question()
    {
        var (token, _, _) = await DoorsAsync();
        var client = PortalClient.For(Factory);

        var response = await client.Http.GetAsync($"/public/survey/{token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.NotNull(response.Headers.ETag);
        var page = await PortalClient.ParseAsync(response);
        Assert.Contains("闻喜县", page.QuerySelector("#survey-lead")!.TextContent);
        Assert.Contains("社会人士", page.QuerySelector("#survey-lead")!.TextContent);
        Assert.Contains("运城市", page.QuerySelector("#survey-facts")!.TextContent); // the round is opened for the county by the command line; its region's city shows as organizer
        Assert.Contains("2021-11-01 至 2021-11-30", page.QuerySelector("#survey-facts")!.TextContent);
        Assert.Contains("匿名", page.QuerySelector("#survey-notice")!.TextContent);
        // The example's public questionnaire: 13 questions, each a fieldset with its legend; the scale's six levels; P11 at most 3.
        Assert.Equal(13, page.QuerySelectorAll("#survey-form fieldset > legend").Length);
        Assert.Equal(["满意", "比较满意", "一般", "不太满意", "不满意", "不了解"], page.QuerySelectorAll("#q3-set label").Select(l => l.TextContent));
        Assert.Contains("最多选 3 项", page.QuerySelector("#q11-hint")!.TextContent);
        Assert.Equal("500", page.QuerySelector<IHtmlTextAreaElement>("#q13")!.GetAttribute("maxlength"));
        Assert.NotNull(page.QuerySelector($"link[rel=stylesheet][href='/public/survey/{token}/start']"));

        var again = new HttpRequestMessage(HttpMethod.Get, $"/public/survey/{token}");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.Http.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task Answering_a_minute_after_opening_is_counted_thanked_and_a_second_sheet_is_told_it_was_counted_once()
    {
        var (token, _, roundId) = await DoorsAsync();
        var client = PortalClient.For(Factory);
        await client.GetDocumentAsync($"/public/survey/{token}");
        var start = await client.Http.GetAsync($"/public/survey/{token}/start");
        Assert.Equal("text/css", start.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-store", start.Headers.CacheControl!.ToString());
        var cookies = start.Headers.GetValues("Set-Cookie").ToList();
        Assert.Equal(2, cookies.Count);
        Assert.All(cookies, c => Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.Contains("samesite=lax", c, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(cookies, c => c.Contains("path=/public/survey;", StringComparison.OrdinalIgnoreCase) || c.EndsWith("path=/public/survey", StringComparison.OrdinalIgnoreCase));
        var before = await CountAsync(roundId);
        Factory.Clock.Advance(TimeSpan.FromSeconds(61));

        var sent = await PostAsync(client, token, Sheet());
        var again = await PostAsync(client, token, Sheet());

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal($"/public/survey/{token}/thanks#thanks-title", sent.Headers.Location!.OriginalString);
        Assert.Equal($"/public/survey/{token}/thanks/once#thanks-title", again.Headers.Location!.OriginalString);
        var stored = await Factory.WithDbAsync(db => db.SurveyAnswers.Where(a => a.RoundId == roundId).OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal(before + 1, await CountAsync(roundId));
        Assert.Equal(SuspectReasons.None, stored.Suspect);
        Assert.Equal(61, stored.Seconds);
        var thanks = await client.Http.GetAsync($"/public/survey/{token}/thanks");
        Assert.Equal(HttpStatusCode.OK, thanks.StatusCode);
        Assert.False(thanks.Headers.Contains("Set-Cookie"));
        Assert.True(thanks.Headers.CacheControl!.Public);
        Assert.Contains("感谢您的参与", await thanks.Content.ReadAsStringAsync());
        var once = await client.Http.GetAsync($"/public/survey/{token}/thanks/once");
        Assert.Contains("每台设备只计一次", await once.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_sheet_to_correct_comes_back_422_naming_its_question_with_the_choices_kept_and_nothing_stored()
    {
        var (token, _, roundId) = await DoorsAsync();
        var client = PortalClient.For(Factory);
        await client.Http.GetAsync($"/public/survey/{token}/start");
        var before = await CountAsync(roundId);
        var sheet = Sheet().Where(v => v.Key != "q3").ToList();
        sheet.AddRange([new("q11", "2"), new("q11", "3"), new("q11", "5")]);

        var response = await PostAsync(client, token, sheet);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var page = await PortalClient.ParseAsync(response);
        var problems = page.QuerySelectorAll("#survey-problems li a").ToList();
        Assert.Equal(["#q3-set", "#q11-set"], problems.Select(a => a.GetAttribute("href")));
        Assert.StartsWith("第 3 题", problems[0].TextContent);
        Assert.Contains("最多选 3 项", problems[1].TextContent);
        Assert.Contains("q3-problem", page.QuerySelector("#q3-set")!.GetAttribute("aria-describedby"));
        Assert.True(page.QuerySelector<IHtmlInputElement>("#q1-2")!.IsChecked);
        Assert.Equal("希望改善校车", page.QuerySelector<IHtmlTextAreaElement>("#q13")!.Value);
        Assert.Equal(before, await CountAsync(roundId));
        // Without script, a phone lands on the list of what to correct (the summary is below the fold), not at the top.
        Assert.Equal($"/public/survey/{token}#survey-problems", page.QuerySelector("#survey-form")!.GetAttribute("action"));
        Assert.NotNull(page.QuerySelector("#survey-problems"));
    }

    [Fact]
    public async Task A_sheet_without_the_start_stylesheet_or_with_the_hidden_field_filled_is_kept_as_suspect()
    {
        var (token, _, roundId) = await DoorsAsync();
        var noStart = PortalClient.For(Factory);
        var robot = PortalClient.For(Factory);
        await robot.Http.GetAsync($"/public/survey/{token}/start");
        Factory.Clock.Advance(TimeSpan.FromSeconds(40));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(noStart, token, Sheet())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(robot, token, [.. Sheet(), new("Website", "http://spam.example")])).StatusCode);

        var last = await Factory.WithDbAsync(db => db.SurveyAnswers.Where(a => a.RoundId == roundId).OrderByDescending(a => a.Id).Take(2).Select(a => a.Suspect).ToListAsync());
        Assert.Equal([SuspectReasons.Honeypot, SuspectReasons.NoStart], last);
    }

    [Fact]
    public async Task A_start_stamp_counts_only_beside_the_device_cookie_it_was_given_with()
    {
        // Attacker review: one start stamp, replayed without the device cookie (each sheet then its own "device") or beside a
        // made-up device id, must not make every sheet a counted one.
        var (token, _, roundId) = await DoorsAsync();
        var opener = PortalClient.For(Factory);
        await opener.Http.GetAsync($"/public/survey/{token}/start");
        var at = new Uri(opener.Http.BaseAddress!, $"/public/survey/{token}");
        var stamp = opener.Cookies.GetCookies(at)["EduDuty.SurveyStart"]!.Value;
        Factory.Clock.Advance(TimeSpan.FromSeconds(40));

        var sent = new List<long>();
        foreach (var device in new string?[] { null, null, "BBBBBBBBBBBBBBBBBBBBBB", "CCCCCCCCCCCCCCCCCCCCCC" })
        {
            var replay = PortalClient.For(Factory);
            replay.Cookies.Add(at, new System.Net.Cookie("EduDuty.SurveyStart", stamp, $"/public/survey/{token}"));
            if (device is not null) replay.Cookies.Add(at, new System.Net.Cookie("EduDuty.SurveyDevice", device, "/public/survey"));
            Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(replay, token, Sheet())).StatusCode);
            sent.Add(await Factory.WithDbAsync(db => db.SurveyAnswers.Where(a => a.RoundId == roundId).MaxAsync(a => a.Id)));
        }

        var suspects = await Factory.WithDbAsync(db => db.SurveyAnswers.Where(a => sent.Contains(a.Id)).Select(a => a.Suspect).ToListAsync());
        Assert.Equal(4, suspects.Count);
        Assert.All(suspects, s => Assert.Equal(SuspectReasons.NoStart, s));

        // The device it was given with still answers as counted.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(opener, token, Sheet())).StatusCode);
        Assert.Equal(SuspectReasons.None, await Factory.WithDbAsync(db => db.SurveyAnswers.Where(a => a.RoundId == roundId).OrderByDescending(a => a.Id).Select(a => a.Suspect).FirstAsync()));
    }

    [Fact]
    public async Task Unknown_malformed_and_problem_report_tokens_are_404_and_a_closed_round_says_so_and_refuses_answers()
    {
        var (_, problems, _) = await DoorsAsync();
        var (closed, _, closedRound) = await DoorsAsync("140821");
        await Factory.WithDbAsync(db => db.SurveyRounds.Where(r => r.Id == closedRound)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClosedEarlyAtUtc, Factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1))));
        var (notYet, _, _) = await DoorsAsync("140822", new DateOnly(2021, 12, 1));
        var client = PortalClient.For(Factory);

        foreach (var path in new[] { "/public/survey/AAAAAAAAAAAAAAAAAAAAAA", "/public/survey/short", $"/public/survey/{problems}", $"/public/survey/{problems}/thanks" })
        {
            var response = await client.Http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, path);
            Assert.Contains("没有找到这份问卷", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, problems, Sheet())).StatusCode);
        var closedPage = await client.GetDocumentAsync($"/public/survey/{closed}");
        Assert.Contains("已结束", closedPage.QuerySelector("#survey-closed")!.TextContent);
        Assert.Null(closedPage.QuerySelector("#survey-form"));
        Assert.Null(closedPage.QuerySelector("link[href$='/start']"));
        var refused = await PostAsync(client, closed, Sheet());
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("本次调查已结束", await refused.Content.ReadAsStringAsync());
        var early = await client.GetDocumentAsync($"/public/survey/{notYet}");
        Assert.Contains("将于 2021-12-01 开始", early.QuerySelector("#survey-closed")!.TextContent);
    }

    private Task<int> CountAsync(int roundId) => Factory.WithDbAsync(db => db.SurveyAnswers.CountAsync(a => a.RoundId == roundId));

    /// <summary>A whole sheet of the example's public questionnaire as the form sends it.</summary>
    internal static List<KeyValuePair<string, string>> Sheet()
    {
        var values = new List<KeyValuePair<string, string>> { new("q1", "2"), new("q2", "1") };
        for (var q = 3; q <= 10; q++) values.Add(new("q" + q, "1"));
        values.Add(new("q11", "1"));
        values.Add(new("q12", "2"));
        values.Add(new("q13", "希望改善校车"));
        values.Add(new("Website", ""));
        return values;
    }

    internal static Task<HttpResponseMessage> PostAsync(PortalClient client, string token, IEnumerable<KeyValuePair<string, string>> values) =>
        client.Http.PostAsync($"/public/survey/{token}", new FormUrlEncodedContent(values));
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteSurveyPageTests(SqlitePortalFactory factory) : SurveyPageTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresSurveyPageTests(PostgresPortalFactory factory) : SurveyPageTests<PostgresPortalFactory>(factory);
