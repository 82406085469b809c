using System.Security.Cryptography;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Reports.Publication;
using EduDuty.Core.Messaging;
using EduDuty.Core.Review;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EduDuty.Application.Tests;

/// <summary>
/// Issue 25, 公示: publications and withdrawals started at the same moment — the lead publishing the new edition, admins
/// withdrawing what is public — happen one after the other on the held evaluation row: at every moment at most one
/// publication of the evaluation is current (the intervals never overlap), each done step is audited once, and a refused
/// one leaves nothing. 8 and 50 at once, on both databases. Also: approval required (the deployment or the province) refuses
/// a submitted edition.
/// </summary>
public abstract class PublicationRaceTests<THost> : IClassFixture<THost>
    where THost : ApplicationHost
{
    private readonly THost _host;
    private readonly ITestOutputHelper _output;

    protected PublicationRaceTests(THost host, ITestOutputHelper output)
    {
        (_host, _output) = (host, output);
        host.Clock.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1);
    }

    [Theory]
    [InlineData(8, 4)]
    [InlineData(50, 2)]
    public async Task Publications_and_withdrawals_at_once_leave_one_current_publication_at_most_never_two(int atOnce, int rounds)
    {
        var id = await EvaluationIdAsync("140828");
        var lead = await ActorAsync("xiaxian.lead", Roles.CountyLead);
        var admin = await ActorAsync("shanxi.admin", Roles.Admin);
        await SetStatusAsync(id, EvaluationStatus.Submitted);

        var (published, withdrawn, refused) = (0, 0, 0);
        for (var round = 0; round < rounds; round++)
        {
            await AddEditionAsync(id, $"round {atOnce}-{round}");
            var before = await AuditCountAsync(id);
            var outcomes = await AtOnce.RunAsync(atOnce, async (i, gate) =>
            {
                await using var scope = _host.Services.CreateAsyncScope();
                var s = scope.ServiceProvider;
                var actor = i % 2 == 0 ? lead : admin;
                var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, actor, default))!;
                await gate();
                var outcome = i % 2 == 0
                    ? await s.GetRequiredService<PublishReport>().HandleAsync(workspace, lead, confirmed: true, default)
                    : await s.GetRequiredService<WithdrawPublication>().HandleAsync(workspace, admin, $"第 {i} 次撤回", confirmed: true, default);
                return (Publish: i % 2 == 0, outcome.IsDone, outcome.Reason?.Code);
            });

            foreach (var (publish, done, code) in outcomes)
            {
                if (done && publish) published++;
                else if (done) withdrawn++;
                else
                {
                    refused++;
                    Assert.Contains(code, new[] { "already-published", "edition-withdrawn", "nothing-to-withdraw", "save-failed" });
                }
            }

            var publications = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().ReportPublications.AsNoTracking()
                .Where(p => p.EvaluationId == id).OrderBy(p => p.PublishedAtUtc).ToListAsync());
            Assert.True(publications.Count(p => p.EndedAtUtc is null) <= 1, "two current publications");
            for (var n = 1; n < publications.Count; n++)
            {
                var (earlier, later) = (publications[n - 1], publications[n]);
                Assert.True(earlier.EndedAtUtc is { } end && end <= later.PublishedAtUtc,
                    $"publication {earlier.Id} ({earlier.PublishedAtUtc:O}–{earlier.EndedAtUtc:O}) overlaps {later.Id} from {later.PublishedAtUtc:O}");
            }

            Assert.Equal(outcomes.Count(o => o.IsDone), await AuditCountAsync(id) - before);
        }

        _output.WriteLine($"{typeof(THost).Name}: {atOnce} at once × {rounds}: {published} published, {withdrawn} withdrawn, {refused} refused");
        Assert.Equal(atOnce * rounds, published + withdrawn + refused);
        Assert.True(published >= rounds, "every round's new edition should have been published once");
    }

    [Fact]
    public async Task When_approval_is_required_by_the_deployment_or_the_province_a_submitted_edition_is_not_published_and_an_approved_one_is()
    {
        var id = await EvaluationIdAsync("140821");
        var lead = new Actor("linyi.lead", "临猗县负责人", [Roles.CountyLead], await PathAsync("140821"));
        await SetStatusAsync(id, EvaluationStatus.Submitted);
        await AddEditionAsync(id, "approval required");

        foreach (var settings in new[] { new PublicationSettings(true, []), new PublicationSettings(false, ["140000"]), new PublicationSettings(false, ["140800"]) })
        {
            var outcome = await PublishWithAsync(settings, id, lead);
            Assert.True(outcome.Reason == Messages.PublishNeedsApproval, $"{settings}: {outcome.Kind} {outcome.Refusal}");
        }

        // Another province's rule does not apply; neither does the setting to an approved edition.
        Assert.True((await PublishWithAsync(new PublicationSettings(false, ["130000"]), id, lead)).IsDone);
        await SetStatusAsync(id, EvaluationStatus.Approved);
        await AddEditionAsync(id, "approved", EditionKind.Approved);
        Assert.True((await PublishWithAsync(new PublicationSettings(true, []), id, lead)).IsDone);
        var current = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().ReportPublications.Include(p => p.Edition)
            .Where(p => p.EvaluationId == id && p.EndedAtUtc == null).Select(p => p.Edition.Kind).ToListAsync());
        Assert.Equal([EditionKind.Approved], current);

        // Back with the county: nothing to publish.
        await SetStatusAsync(id, EvaluationStatus.Returned);
        Assert.Equal("publish-nothing-frozen", (await PublishWithAsync(new PublicationSettings(false, []), id, lead)).Reason?.Code);
    }

    private Task<Outcome<PublicationRecord>> PublishWithAsync(PublicationSettings settings, int id, Actor lead) => _host.WithScopeAsync(async s =>
    {
        var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, lead, default))!;
        return await ActivatorUtilities.CreateInstance<PublishReport>(s, settings).HandleAsync(workspace, lead, confirmed: true, default);
    });

    // A new edition of the evaluation, the current one from now (its own bytes and hashes).
    private Task<int> AddEditionAsync(int id, string marker, EditionKind kind = EditionKind.Submitted) => _host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var number = 1 + (await db.ReportEditions.Where(e => e.EvaluationId == id && e.Kind == kind).MaxAsync(e => (int?)e.Number) ?? 0);
        var pdf = System.Text.Encoding.UTF8.GetBytes($"%PDF-1.7 {marker}");
        var docx = System.Text.Encoding.UTF8.GetBytes($"PK {marker}");
        db.ReportEditions.Add(new ReportEdition
        {
            EvaluationId = id, Number = number, Kind = kind, CreatedAtUtc = _host.Clock.GetUtcNow().UtcDateTime, CreatedByUserId = "test", CreatedByName = "测试",
            SchemeCode = "SX-2021", SchemeVersion = 1, SchemeHash = new string('0', 64), SoftwareVersion = "test", Snapshot = "{}",
            SnapshotHash = new string('0', 64), Reading = "[]", Pdf = pdf, PdfHash = Convert.ToHexStringLower(SHA256.HashData(pdf)),
            Docx = docx, DocxHash = Convert.ToHexStringLower(SHA256.HashData(docx)),
        });
        return await db.SaveChangesAsync();
    });

    private Task<int> AuditCountAsync(int id) => _host.WithScopeAsync(s =>
        s.GetRequiredService<EduDutyDbContext>().AuditEntries.CountAsync(a => a.EvaluationId == id && a.Kind == AuditKind.Publication));

    private Task<int> EvaluationIdAsync(string county) => _host.WithScopeAsync(s =>
        s.GetRequiredService<EduDutyDbContext>().Evaluations.Where(e => e.County.Code == county && e.Year == 2021).Select(e => e.Id).SingleAsync());

    private Task<string> PathAsync(string county) => _host.WithScopeAsync(s =>
        s.GetRequiredService<EduDutyDbContext>().Regions.Where(r => r.Code == county).Select(r => r.Path).SingleAsync());

    private Task<int> SetStatusAsync(int id, EvaluationStatus status) => _host.WithScopeAsync(s =>
        s.GetRequiredService<EduDutyDbContext>().Evaluations.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, status)));

    private Task<Actor> ActorAsync(string userName, string role) => _host.WithScopeAsync(async s =>
    {
        var user = await s.GetRequiredService<EduDutyDbContext>().Users.Where(u => u.UserName == userName)
            .Select(u => new { u.Id, u.DisplayName, u.Region.Path }).SingleAsync();
        return new Actor(user.Id, user.DisplayName, [role], user.Path);
    });
}

public sealed class SqlitePublicationRaceTests(SqliteApplicationHost host, ITestOutputHelper output) : PublicationRaceTests<SqliteApplicationHost>(host, output);

public sealed class PostgresPublicationRaceTests(PostgresApplicationHost host, ITestOutputHelper output) : PublicationRaceTests<PostgresApplicationHost>(host, output);
