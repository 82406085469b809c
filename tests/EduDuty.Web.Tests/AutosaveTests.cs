using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using EduDuty.Data.Entities;
using EduDuty.Web.Tests.Infrastructure;

namespace EduDuty.Web.Tests;

/// <summary>
/// The area page's autosave (issue 27): one value or the area's text through the same guarded write as 保存本领域, with its
/// version; what the page's script relies on when the session has ended; the session's status and 继续; 只看未填 after a
/// refused save.
/// </summary>
public abstract class AutosaveTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    [Fact]
    public async Task Leaving_a_field_saves_its_value_with_the_next_version_and_one_audit_entry_per_change()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var page = await official.GetDocumentAsync(Wenxi.AreaUrl(Id));

        var (status, first) = await AutosaveAsync(official, page, ("Form.Values[A10.01]", "10,755"), ("Form.Base[A10.01]", ""), ("Form.Versions[A10.01]", "0"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("saved", "10755", 1), (first.GetProperty("status").GetString(), first.GetProperty("value").GetString(), first.GetProperty("version").GetInt32()));

        var (_, second) = await AutosaveAsync(official, page, ("Form.Values[A10.01]", "10760"), ("Form.Base[A10.01]", "10755"), ("Form.Versions[A10.01]", "1"));
        Assert.Equal(2, second.GetProperty("version").GetInt32());

        // The same value again is no change: nothing written, the version as it stands.
        var (_, same) = await AutosaveAsync(official, page, ("Form.Values[A10.01]", "10760"), ("Form.Base[A10.01]", "10760"), ("Form.Versions[A10.01]", "2"));
        Assert.Equal(2, same.GetProperty("version").GetInt32());

        Assert.Equal(10760m, (await Wenxi.StoredNumbersAsync(Factory, Id))["A10.01"]);
        var audit = await Wenxi.AuditAsync(Factory, Id);
        Assert.Equal([(null, "10755"), ("10755", "10760")], audit.Select(a => (a.OldValue, a.NewValue)).ToList());
        Assert.All(audit, a => Assert.Equal((AuditKind.Figure, "A10.01", AuditSource.Form, "闻喜县填报员"), (a.Kind, a.Target, a.Source, a.UserDisplayName)));
    }

    [Fact]
    public async Task A_text_draft_and_a_yes_no_answer_are_saved_the_same_way()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var page = await official.GetDocumentAsync(Wenxi.AreaUrl(Id));

        var (status, text) = await AutosaveAsync(official, page, ("Form.Narrative", "学前教育普及普惠，草稿第一段"), ("Form.NarrativeBase", ""), ("Form.NarrativeVersion", "0"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, text.GetProperty("version").GetInt32());
        var (_, flag) = await AutosaveAsync(official, page, ("Form.Values[A10.14]", "true"), ("Form.Base[A10.14]", ""), ("Form.Versions[A10.14]", "0"));
        Assert.Equal("true", flag.GetProperty("value").GetString());

        var audit = await Wenxi.AuditAsync(Factory, Id);
        Assert.Equal([(AuditKind.Narrative, "A10_PRESCHOOL", "学前教育普及普惠，草稿第一段"), (AuditKind.Figure, "A10.14", "true")],
            audit.Select(a => (a.Kind, a.Target, a.NewValue)).ToList());
        var reloaded = await official.GetDocumentAsync(Wenxi.AreaUrl(Id));
        Assert.Equal("学前教育普及普惠，草稿第一段", reloaded.QuerySelector<IHtmlTextAreaElement>("#narrative")!.Value);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_naming_the_colleague_and_their_value_and_writes_nothing()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        var officialPage = await official.GetDocumentAsync(Wenxi.AreaUrl(Id));
        var leadPage = await lead.GetDocumentAsync(Wenxi.AreaUrl(Id));

        Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(official, officialPage, ("Form.Values[A10.01]", "10755"), ("Form.Base[A10.01]", ""), ("Form.Versions[A10.01]", "0"))).Status);
        var (status, conflict) = await AutosaveAsync(lead, leadPage, ("Form.Values[A10.01]", "10000"), ("Form.Base[A10.01]", ""), ("Form.Versions[A10.01]", "0"));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("conflict", conflict.GetProperty("status").GetString());
        Assert.Equal(("10755", 1), (conflict.GetProperty("conflict").GetProperty("value").GetString(), conflict.GetProperty("conflict").GetProperty("version").GetInt32()));
        var message = conflict.GetProperty("message").GetString()!;
        Assert.Contains("闻喜县填报员", message);
        Assert.Contains("“10755”", message);
        Assert.Contains("用我的值覆盖", message);
        Assert.Equal(10755m, (await Wenxi.StoredNumbersAsync(Factory, Id))["A10.01"]);
        Assert.Single(await Wenxi.AuditAsync(Factory, Id));

        // Overwriting is deliberate: based on the colleague's version it is saved.
        var (overwrite, _) = await AutosaveAsync(lead, leadPage, ("Form.Values[A10.01]", "10000"), ("Form.Base[A10.01]", "10755"), ("Form.Versions[A10.01]", "1"));
        Assert.Equal(HttpStatusCode.OK, overwrite);
        Assert.Equal(10000m, (await Wenxi.StoredNumbersAsync(Factory, Id))["A10.01"]);
    }

    [Theory]
    [InlineData("Form.Values[A10.01]", "一万", "A10.01")]
    [InlineData("Form.Values[A10.01]", "-5", "A10.01")]
    [InlineData("Form.Narrative", "{A99.99} 不存在的指标", "Narrative")]
    public async Task An_invalid_value_is_answered_with_the_fields_message_and_nothing_is_saved(string name, string value, string field)
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var page = await official.GetDocumentAsync(Wenxi.AreaUrl(Id));

        var (status, answer) = await AutosaveAsync(official, page, (name, value));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("invalid", answer.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(answer.GetProperty("errors").GetProperty(field).GetString()));
        Assert.False(string.IsNullOrWhiteSpace(answer.GetProperty("message").GetString()));
        Assert.Empty(await Wenxi.StoredNumbersAsync(Factory, Id));
        Assert.Empty(await Wenxi.AuditAsync(Factory, Id));
    }

    [Fact]
    public async Task Two_targets_or_a_field_of_another_area_are_refused_as_a_whole()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var page = await official.GetDocumentAsync(Wenxi.AreaUrl(Id));

        var (two, answer) = await AutosaveAsync(official, page, ("Form.Values[A10.01]", "1"), ("Form.Values[A10.02]", "1"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, two);
        Assert.Contains("每次只保存一项", answer.GetProperty("message").GetString());
        var (other, elsewhere) = await AutosaveAsync(official, page, ("Form.Values[A01.08.1]", "6"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other);
        Assert.Contains("“A01.08.1”不是本领域需要填写的指标", elsewhere.GetProperty("message").GetString());
        var (none, _) = await AutosaveAsync(official, page);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, none);
        Assert.Empty(await Wenxi.AuditAsync(Factory, Id));
    }

    [Fact]
    public async Task A_body_over_the_autosave_limit_is_refused_before_it_is_read()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var page = await official.GetDocumentAsync(Wenxi.AreaUrl(Id));

        var (status, _) = await AutosaveAsync(official, page, ("Form.Narrative", new string('长', 200_000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Empty(await Wenxi.AuditAsync(Factory, Id));
    }

    [Fact]
    public async Task After_30_idle_minutes_the_scripts_save_is_answered_401_and_a_plain_post_goes_to_sign_in()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var page = await official.GetDocumentAsync(Wenxi.AreaUrl(Id));
        Factory.Clock.Advance(TimeSpan.FromMinutes(31));

        var (status, _) = await AutosaveAsync(official, page, ("Form.Values[A10.01]", "10755"), ("Form.Base[A10.01]", ""), ("Form.Versions[A10.01]", "0"));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var plain = await official.Http.PostAsync(Wenxi.AreaUrl(Id), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(page), ["Form.Values[A10.01]"] = "10755",
        }));
        Assert.Equal(HttpStatusCode.Redirect, plain.StatusCode);
        Assert.StartsWith("/Account/Login", plain.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString(Wenxi.AreaUrl(Id)), plain.Headers.Location!.Query, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await Wenxi.StoredNumbersAsync(Factory, Id));
    }

    [Fact]
    public async Task Asking_how_long_the_session_has_left_does_not_renew_it_and_continue_does()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var page = await official.GetDocumentAsync(Wenxi.AreaUrl(Id));
        Assert.InRange(await RemainingAsync(official), 29 * 60, 30 * 60);

        Factory.Clock.Advance(TimeSpan.FromMinutes(26));
        Assert.InRange(await RemainingAsync(official), 3 * 60, 4 * 60);
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.InRange(await RemainingAsync(official), 2 * 60, 3 * 60); // still counting down: the question renewed nothing

        var extend = await Xhr(official, HttpMethod.Post, "/Account/Session", ("__RequestVerificationToken", Token(page)));
        Assert.Equal(HttpStatusCode.OK, extend.StatusCode);
        Assert.InRange(await RemainingAsync(official), 29 * 60, 30 * 60);

        Factory.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Xhr(official, HttpMethod.Get, "/Account/Session")).StatusCode);
    }

    [Fact]
    public async Task Any_request_after_a_minute_renews_the_session_to_the_full_30_minutes()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await official.GetDocumentAsync(Wenxi.AreaUrl(Id));
        Assert.InRange(await RemainingAsync(official), 29 * 60, 30 * 60);
    }

    [Fact]
    public async Task Missing_only_after_a_refused_save_keeps_every_row_typed_in_that_attempt_on_screen()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var url = Wenxi.AreaUrl(Id) + "?missing=1";
        var page = await official.GetDocumentAsync(url);

        var refused = await official.SubmitAsync(page, url, "#area-form", new Dictionary<string, string>
        {
            ["Form.Values[A10.01]"] = "10755", ["Form.Values[A10.02]"] = "10736", ["Form.Values[A10.04]"] = "12149", ["Form.Values[A10.05]"] = "一些",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var shown = await PortalClient.ParseAsync(refused);
        foreach (var code in new[] { "A10-01", "A10-02", "A10-04", "A10-05" })
        {
            var row = shown.QuerySelector($"#row-f-{code}")!;
            Assert.False(row.HasAttribute("hidden"), $"row {code} typed in the refused save is hidden");
        }

        Assert.Equal("10736", shown.QuerySelector<IHtmlInputElement>("#f-A10-02")!.Value);
        Assert.Empty(await Wenxi.StoredNumbersAsync(Factory, Id));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(50)]
    public async Task Simultaneous_autosaves_of_one_field_from_one_version_write_once_and_the_rest_are_conflicts(int count)
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        var officialPage = await official.GetDocumentAsync(Wenxi.AreaUrl(Id));
        var leadPage = await lead.GetDocumentAsync(Wenxi.AreaUrl(Id));

        var answers = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
        {
            var (client, page) = i % 2 == 0 ? (official, officialPage) : (lead, leadPage);
            var value = (6000 + i).ToString(CultureInfo.InvariantCulture);
            return AutosaveAsync(client, page, ("Form.Values[A10.05]", value), ("Form.Base[A10.05]", ""), ("Form.Versions[A10.05]", "0"));
        }));

        var winner = Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.Equal(count - 1, answers.Count(a => a.Status == HttpStatusCode.Conflict && a.Body.GetProperty("status").GetString() == "conflict"));
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.Conflict),
            a => Assert.Equal(winner.Body.GetProperty("value").GetString(), a.Body.GetProperty("conflict").GetProperty("value").GetString()));
        var audit = Assert.Single(await Wenxi.AuditAsync(Factory, Id));
        Assert.Equal(winner.Body.GetProperty("value").GetString(), audit.NewValue);
        Assert.Equal(decimal.Parse(audit.NewValue!, CultureInfo.InvariantCulture), (await Wenxi.StoredNumbersAsync(Factory, Id))["A10.05"]);
    }

    private static string Token(IHtmlDocument page) => page.QuerySelector<IHtmlInputElement>("#area-form input[name=__RequestVerificationToken]")!.Value;

    private async Task<(HttpStatusCode Status, JsonElement Body)> AutosaveAsync(PortalClient client, IHtmlDocument page, params (string Name, string Value)[] fields)
    {
        var response = await Xhr(client, HttpMethod.Post, $"{Wenxi.AreaUrl(Id)}?handler=Field", [("__RequestVerificationToken", Token(page)), .. fields]);
        var text = await response.Content.ReadAsStringAsync();
        var json = response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return (response.StatusCode, json);
    }

    private static async Task<HttpResponseMessage> Xhr(PortalClient client, HttpMethod method, string url, params (string Name, string Value)[] fields)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        if (method == HttpMethod.Post) request.Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        return await client.Http.SendAsync(request);
    }

    private static async Task<int> RemainingAsync(PortalClient client)
    {
        var response = await Xhr(client, HttpMethod.Get, "/Account/Session");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("remainingSeconds").GetInt32();
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteAutosaveTests(SqlitePortalFactory factory) : AutosaveTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresAutosaveTests(PostgresPortalFactory factory) : AutosaveTests<PostgresPortalFactory>(factory);
