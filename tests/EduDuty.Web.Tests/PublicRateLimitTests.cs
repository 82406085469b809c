using System.Net;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests;

/// <summary>
/// Issue 25: the public pages have their own limit per client address (<c>Public:RateLimit:*</c>), pages and verifications
/// counted apart; over it, 429 with Retry-After and the Chinese page, no cookie. The portal's own pages are not counted.
/// </summary>
public sealed class PublicRateLimitTests(PublicRateLimitTests.Factory factory) : IClassFixture<PublicRateLimitTests.Factory>
{
    public sealed class Factory : SqlitePortalFactory
    {
        public override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
        {
            ["Public:RateLimit:PagesPerMinute"] = "3",
            ["Public:RateLimit:VerificationsPerMinute"] = "2",
            ["Survey:RateLimit:ProblemReportsPerMinute"] = "2",
            ["Survey:RateLimit:AnswersPerMinute"] = "2",
        };
    }

    [Fact]
    public async Task Past_the_limit_a_public_page_answers_429_with_retry_after_and_verifications_have_their_own_count()
    {
        await factory.BeginTestAsync(GetType());
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var pages = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) pages.Add((await client.GetAsync("/public/140800/2021")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], pages);
        var limited = await client.GetAsync("/public/verify");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.Contains("操作过于频繁", await limited.Content.ReadAsStringAsync());
        Assert.False(limited.Headers.Contains("Set-Cookie"));

        var verifications = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var body = new MultipartFormDataContent { { new StringContent(new string('a', 64)), "Sha256" } };
            verifications.Add((await client.PostAsync("/public/verify", body)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], verifications);
        // The portal's pages are not counted by this limit.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
    }

    [Fact]
    public async Task The_problem_report_form_has_its_own_count_of_posts_per_minute()
    {
        await factory.BeginTestAsync(GetType());
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        // Counted before the page runs: a link that opens nothing is counted too (404), the third POST of the minute is 429.
        var posts = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["Category"] = "其他", ["Text"] = "限流" });
            posts.Add((await client.PostAsync("/public/problems/NoSuchLinkNoSuchLink00", body)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], posts);
    }

    [Fact]
    public async Task Past_its_own_limit_the_questionnaire_answers_429_in_chinese_and_nothing_is_stored()
    {
        await factory.BeginTestAsync(GetType());
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EduDuty.Data.EduDutyDbContext>();
        var example = await db.SurveyDefinitions.Where(d => d.Code == EduDuty.Core.Surveys.BuiltInSurveys.ExampleCode).Select(d => d.Id).SingleAsync();
        var opened = await scope.ServiceProvider.GetRequiredService<EduDuty.Application.Surveys.OpenSurveyRound>().HandleAsync(
            new EduDuty.Application.Surveys.OpenSurveyInput(example, 2021, "140823", new DateOnly(2021, 11, 1), new DateOnly(2021, 11, 30)), EduDuty.Application.Actor.CommandLine, default);
        var token = opened.Value!.Counties.Single().Tokens[EduDuty.Core.Surveys.SurveyChannel.Public];
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) answers.Add((await client.PostAsync($"/public/survey/{token}", new FormUrlEncodedContent(SurveyPageTests<SqlitePortalFactory>.Sheet()))).StatusCode);

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], answers);
        var limited = await client.PostAsync($"/public/survey/{token}", new FormUrlEncodedContent(SurveyPageTests<SqlitePortalFactory>.Sheet()));
        Assert.Contains("操作过于频繁", await limited.Content.ReadAsStringAsync());
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(2, await db.SurveyAnswers.CountAsync());
    }
}
