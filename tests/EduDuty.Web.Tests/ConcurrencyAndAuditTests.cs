using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using EduDuty.Data.Entities;
using EduDuty.Web.Tests.Infrastructure;

namespace EduDuty.Web.Tests;

public abstract class ConcurrencyAndAuditTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{

    [Fact]
    public async Task Second_save_of_the_same_figure_is_a_conflict_naming_who_changed_it_and_never_overwrites_silently()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        var officialPage = await official.GetDocumentAsync(Wenxi.AreaUrl(Id));
        var leadPage = await lead.GetDocumentAsync(Wenxi.AreaUrl(Id));

        var first = await official.SubmitAsync(officialPage, Wenxi.AreaUrl(Id), "#area-form", Values(("A10.01", "10755")));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        var second = await lead.SubmitAsync(leadPage, Wenxi.AreaUrl(Id), "#area-form", Values(("A10.01", "10000"), ("A10.02", "10736")));
        var conflictPage = await PortalClient.ParseAsync(second);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var conflicts = conflictPage.QuerySelector("#conflicts")!.TextContent;
        Assert.Contains("闻喜县填报员", conflicts);
        Assert.Contains("10755", conflicts);
        Assert.Equal("10000", conflictPage.QuerySelector<IHtmlInputElement>("#f-A10-01")!.Value); // the lead's typing stays
        var stored = await Wenxi.StoredNumbersAsync(Factory, Id);
        Assert.Equal(10755m, stored["A10.01"]);
        Assert.False(stored.ContainsKey("A10.02"), "nothing of a conflicting save is written");

        // The lead decides to overwrite: the conflict page's form is now based on the current version.
        var overwrite = await lead.SubmitAsync(conflictPage, Wenxi.AreaUrl(Id), "#area-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, overwrite.StatusCode);
        stored = await Wenxi.StoredNumbersAsync(Factory, Id);
        Assert.Equal(10000m, stored["A10.01"]);
        Assert.Equal(10736m, stored["A10.02"]);
    }

    [Fact]
    public async Task Edits_of_different_figures_from_stale_pages_both_stand()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        var officialPage = await official.GetDocumentAsync(Wenxi.AreaUrl(Id));
        var leadPage = await lead.GetDocumentAsync(Wenxi.AreaUrl(Id));

        Assert.Equal(HttpStatusCode.Redirect, (await official.SubmitAsync(officialPage, Wenxi.AreaUrl(Id), "#area-form", Values(("A10.01", "10755")))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(leadPage, Wenxi.AreaUrl(Id), "#area-form", Values(("A10.02", "10736")))).StatusCode);

        var stored = await Wenxi.StoredNumbersAsync(Factory, Id);
        Assert.Equal(10755m, stored["A10.01"]);
        Assert.Equal(10736m, stored["A10.02"]);
    }

    [Fact]
    public async Task Every_change_is_audited_with_who_when_old_and_new_and_the_audit_page_lists_newest_first()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        var before = Factory.Clock.GetUtcNow().UtcDateTime.AddSeconds(-5);

        await official.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", Values(("A10.01", "10755"), ("A10.14", "true")));
        await lead.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", Values(("A10.01", "10760"), ("A10.14", "")));

        var audit = await Wenxi.AuditAsync(Factory, Id);
        Assert.Equal(4, audit.Count);
        Assert.Equal(("A10.01", null, "10755", "闻喜县填报员"), (audit[0].Target, audit[0].OldValue, audit[0].NewValue, audit[0].UserDisplayName));
        Assert.Equal(("A10.14", null, "true"), (audit[1].Target, audit[1].OldValue, audit[1].NewValue));
        Assert.Equal(("A10.01", "10755", "10760", "闻喜县负责人"), (audit[2].Target, audit[2].OldValue, audit[2].NewValue, audit[2].UserDisplayName));
        Assert.Equal(("A10.14", "true", null), (audit[3].Target, audit[3].OldValue, audit[3].NewValue));
        Assert.All(audit, a => Assert.True(a.AtUtc >= before && a.Kind == AuditKind.Figure && a.Source == AuditSource.Form));

        var page = await official.GetDocumentAsync($"/Evaluations/{Id}/Audit");
        var rows = page.QuerySelectorAll("#audit tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Contains("闻喜县负责人", rows[0]);
        Assert.Contains("（空）", rows[0]);
        Assert.Contains("10760", rows[1]);
        Assert.Contains("闻喜县填报员", rows[3]);
    }

    [Fact]
    public async Task Simultaneous_saves_from_the_same_version_write_once_and_the_rest_are_conflicts()
    {
        var clients = new List<(PortalClient Client, AngleSharp.Html.Dom.IHtmlDocument Page)>();
        for (var i = 0; i < 6; i++)
        {
            var client = await PortalClient.For(Factory).SignedInAsync(i % 2 == 0 ? "wenxi.official" : "wenxi.lead");
            clients.Add((client, await client.GetDocumentAsync(Wenxi.AreaUrl(Id))));
        }

        var responses = await Task.WhenAll(clients.Select((c, i) =>
            c.Client.SubmitAsync(c.Page, Wenxi.AreaUrl(Id), "#area-form", Values(("A10.05", (6000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var audit = Assert.Single(await Wenxi.AuditAsync(Factory, Id));
        Assert.Equal(audit.NewValue, (await Wenxi.StoredNumbersAsync(Factory, Id))["A10.05"]!.Value.ToString("0", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Saving_unchanged_values_writes_nothing()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        await official.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", Values(("A10.01", "10755")));

        var again = await official.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", Values(("A10.01", "10,755")));

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Single(await Wenxi.AuditAsync(Factory, Id));
    }

    private static Dictionary<string, string> Values(params (string Code, string Value)[] values) =>
        values.ToDictionary(v => $"Form.Values[{v.Code}]", v => v.Value);
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteConcurrencyAndAuditTests(SqlitePortalFactory factory) : ConcurrencyAndAuditTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresConcurrencyAndAuditTests(PostgresPortalFactory factory) : ConcurrencyAndAuditTests<PostgresPortalFactory>(factory);
