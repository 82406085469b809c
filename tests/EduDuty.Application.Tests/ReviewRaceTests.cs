using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Application.Evaluations.Review;
using EduDuty.Application.Evaluations.Scores;
using EduDuty.Application.Evidence;
using EduDuty.Application.Rectification;
using EduDuty.Application.Writes;
using EduDuty.Core.Evidence;
using EduDuty.Core.Figures;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace EduDuty.Application.Tests;

/// <summary>
/// Issue 23. A supervisor's writes during review — verdicts on evidence, bonus decisions, adjusted points — started at the same
/// moment as a colleague's approval either land before the approval (timed before it, and committed before it: the approval
/// waited for them) or are refused with the approval's lock; none is saved after it. Uploads at the same moment, to the
/// evaluation and to its rectification tasks, never pass the evidence quota together. 8 and 50 at once, on both databases;
/// SQLite's waits for its write lock end in an outcome, never an exception.
/// </summary>
public abstract class ReviewRaceTests<THost> : IClassFixture<THost>
    where THost : ApplicationHost
{
    private static readonly EvidenceOptions SmallQuota = new(MaxFileBytes: 1 << 20, QuotaBytes: 5_500);

    private readonly THost _host;
    private readonly ITestOutputHelper _output;

    protected ReviewRaceTests(THost host, ITestOutputHelper output)
    {
        (_host, _output) = (host, output);
        // Every reading of the clock is a distinct, later moment: the order of the times stored is the order they were read.
        host.Clock.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1);
    }

    [Theory]
    [InlineData(8, 4)]
    [InlineData(50, 2)]
    public async Task Verdicts_started_with_a_colleagues_approval_land_before_it_or_are_refused_never_after(int atOnce, int rounds)
    {
        var id = await EvaluationIdAsync("140823", 2021);
        var official = await ActorAsync("wenxi.official", Roles.CountyOfficial);
        var (supervisor, colleague) = await SupervisorsAsync();
        await SetStatusAsync(id, EvaluationStatus.Draft);
        await AttachUpToAsync(id, official, atOnce - 1);

        var (landed, refused) = (0, 0);
        for (var round = 0; round < rounds; round++)
        {
            await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().EvidenceFiles.Where(f => f.EvaluationId == id)
                .ExecuteUpdateAsync(u => u.SetProperty(f => f.Verdict, (EvidenceVerdict?)null).SetProperty(f => f.VerdictReason, (string?)null)
                    .SetProperty(f => f.VerdictByName, (string?)null).SetProperty(f => f.VerdictAtUtc, (DateTime?)null)));
            await SetStatusAsync(id, EvaluationStatus.Submitted);
            var roundStart = _host.Clock.GetUtcNow().UtcDateTime;
            var pieces = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().EvidenceFiles.AsNoTracking()
                .Where(f => f.EvaluationId == id).OrderBy(f => f.Id).Take(atOnce - 1).Select(f => new { f.Id, f.Version }).ToListAsync());
            var approvalAt = new Random(round).Next(atOnce);

            var outcomes = await AtOnce.RunAsync(atOnce, async (i, gate) =>
            {
                await using var scope = _host.Services.CreateAsyncScope();
                var s = scope.ServiceProvider;
                if (i == approvalAt)
                {
                    var page = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, colleague, default))!;
                    await gate();
                    var approval = await s.GetRequiredService<ReviewTransitions>().ApproveAsync(page, colleague, "经审核，同意通过。", false, null, default);
                    return (Piece: (int?)null, Done: approval.IsDone, Message: approval.Refusal);
                }

                var piece = pieces[i < approvalAt ? i : i - 1];
                var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, supervisor, default))!;
                Assert.True(workspace.JudgeEvidence.Allowed); // the page offers it: the evaluation is submitted when it is loaded
                await gate();
                var verdict = i % 2 == 0 ? EvidenceVerdict.Sufficient : EvidenceVerdict.Insufficient;
                var result = await s.GetRequiredService<JudgeEvidence>().HandleAsync(workspace, piece.Id, piece.Version, verdict, $"第 {i} 份：名单未加盖公章", supervisor, default);
                return (Piece: (int?)piece.Id, Done: result.IsDone, Message: result.IsDone ? result.Note : result.Refusal);
            });

            var approvedAt = await ApprovedAtAsync(id, outcomes);
            var stored = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().EvidenceFiles.AsNoTracking()
                .Where(f => f.EvaluationId == id).ToDictionaryAsync(f => f.Id, f => f.VerdictAtUtc));
            var audited = await ReviewAuditAsync(id, AuditKind.Evidence, since: roundStart);
            foreach (var (piece, done, message) in outcomes.Where(o => o.Piece is not null))
            {
                if (done)
                {
                    landed++;
                    Assert.True(stored[piece!.Value] < approvedAt, $"verdict on {piece} saved at {stored[piece.Value]:O}, approved at {approvedAt:O}");
                }
                else
                {
                    refused++;
                    Assert.Equal(Core.Messaging.Messages.ApprovedLock.Text, message);
                    Assert.Null(stored[piece!.Value]);
                }
            }

            Assert.DoesNotContain(stored.Values, at => at > approvedAt);
            Assert.DoesNotContain(audited, at => at > approvedAt);
            Assert.Equal(outcomes.Count(o => o.Piece is not null && o.Done), audited.Count);
        }

        _output.WriteLine($"{typeof(THost).Name}: {atOnce} at once × {rounds} rounds: {landed} verdicts landed before the approval, {refused} refused after it");
        Assert.Equal((atOnce - 1) * rounds, landed + refused);
    }

    [Theory]
    [InlineData(8, 4)]
    [InlineData(50, 2)]
    public async Task Score_decisions_started_with_a_colleagues_approval_land_before_it_or_are_refused_and_the_summary_follows(int atOnce, int rounds)
    {
        var (id, official) = await ScoredEvaluationAsync();
        var (supervisor, colleague) = await SupervisorsAsync();
        string[] scored = ["A01.03", "A01.04", "A01.05", "A02.01", "A02.03"];

        var (landed, refused) = (0, 0);
        for (var round = 0; round < rounds; round++)
        {
            await _host.WithScopeAsync(async s =>
            {
                var db = s.GetRequiredService<EduDutyDbContext>();
                await db.PointsAdjustments.Where(a => a.EvaluationId == id).ExecuteDeleteAsync();
                await db.BonusClaims.Where(c => c.EvaluationId == id).ExecuteUpdateAsync(u => u
                    .SetProperty(c => c.Granted, (bool?)null).SetProperty(c => c.DecisionReason, (string?)null).SetProperty(c => c.DecidedAtUtc, (DateTime?)null));
                var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, supervisor, default))!;
                await Summaries.RefreshAsync(db, id, workspace.Scheme, workspace.SchemeHash, _host.Clock.GetUtcNow().UtcDateTime, default);
                return await db.SaveChangesAsync(); // the review undone, its summary too
            });
            await SetStatusAsync(id, EvaluationStatus.Submitted);
            var roundStart = _host.Clock.GetUtcNow().UtcDateTime;
            var approvalAt = new Random(round).Next(atOnce);

            var outcomes = await AtOnce.RunAsync(atOnce, async (i, gate) =>
            {
                await using var scope = _host.Services.CreateAsyncScope();
                var s = scope.ServiceProvider;
                if (i == approvalAt)
                {
                    var page = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, colleague, default))!;
                    await gate();
                    var approval = await s.GetRequiredService<ReviewTransitions>().ApproveAsync(page, colleague, "经审核，同意通过。", false, null, default);
                    return (Score: false, Done: approval.IsDone, Message: approval.Refusal);
                }

                var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, supervisor, default))!;
                Assert.True(workspace.VerifyScore.Allowed);
                var shown = ScoreChanges.Seen(await s.GetRequiredService<ScoreQuery>().LoadAsync(workspace, default) ?? throw new InvalidOperationException("no score card"));
                await gate();
                var changes = s.GetRequiredService<ScoreChanges>();
                var code = scored[i % scored.Length];
                var outcome = i % 4 == 0
                    ? await changes.DecideAsync(workspace, supervisor, "J01", grant: i % 8 == 0, $"第 {i} 次核定：证明材料不足", ScoreChanges.SeenVersion(shown, "bonus", "J01"), default)
                    : await changes.AdjustAsync(workspace, supervisor, code, i % 10, $"第 {i} 次核定：按评分细则扣分", ScoreChanges.SeenVersion(shown, "points", code) ?? 0, default);
                return (Score: true, Done: outcome.IsDone, Message: outcome.IsDone ? outcome.Note : outcome.Refusal);
            });

            var approvedAt = await ApprovedAtAsync(id, outcomes.Select(o => (o.Score ? (int?)0 : null, o.Done, o.Message)).ToList());
            foreach (var (_, done, message) in outcomes.Where(o => o.Score))
            {
                if (done) landed++;
                else
                {
                    refused++;
                    // After the approval: its lock. Before it: a decision on a version another supervisor had just changed (issue 24).
                    Assert.Contains(message, new[] { Core.Messaging.Messages.ApprovedLock.Text, Core.Messaging.Messages.BonusClaimMoved.Text, Core.Messaging.Messages.AdjustmentMoved.Text });
                }
            }

            var audited = await ReviewAuditAsync(id, AuditKind.Score, since: roundStart);
            Assert.DoesNotContain(audited, at => at > approvedAt);
            Assert.Equal(outcomes.Count(o => o.Score && o.Done), audited.Count);
            await _host.WithScopeAsync(async s =>
            {
                var db = s.GetRequiredService<EduDutyDbContext>();
                Assert.DoesNotContain(await db.PointsAdjustments.Where(a => a.EvaluationId == id).Select(a => a.AtUtc).ToListAsync(), at => at > approvedAt);
                Assert.DoesNotContain(await db.BonusClaims.Where(c => c.EvaluationId == id).Select(c => c.DecidedAtUtc).ToListAsync(), at => at > approvedAt);
                // The verified score the lists read is the one made of what is stored: refreshed with every decision that landed.
                var rows = await db.FigureValues.AsNoTracking().Where(f => f.EvaluationId == id).ToListAsync();
                var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, supervisor, default))!;
                var review = (await ScoreReviews.LoadAsync(db, [id], default)).Of(id);
                var expected = review.VerifiedScore(RuleEngine.For(workspace.Scheme).Evaluate(rows.ToValues()))?.Total;
                Assert.Equal(expected, await db.Summaries.Where(x => x.EvaluationId == id).Select(x => x.VerifiedScore).SingleAsync());
                return 0;
            });
        }

        _output.WriteLine($"{typeof(THost).Name}: {atOnce} at once × {rounds} rounds: {landed} score decisions landed before the approval, {refused} refused after it");
        Assert.Equal((atOnce - 1) * rounds, landed + refused);
    }

    [Theory]
    [InlineData(8, 4)]
    [InlineData(50, 2)]
    public async Task County_saves_started_with_the_leads_submission_land_before_it_or_are_refused_never_after(int atOnce, int rounds)
    {
        var (id, official, lead) = await CompleteXiaxianAsync();
        var (landed, refused) = (0, 0);
        for (var round = 0; round < rounds; round++)
        {
            await SetStatusAsync(id, EvaluationStatus.Draft);
            var roundStart = _host.Clock.GetUtcNow().UtcDateTime;
            // Figures no plausibility rule reads (issue 26): one more of a part could pass its total, which the write refuses.
            var figures = (await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().FigureValues.AsNoTracking()
                .Where(f => f.EvaluationId == id && f.Number != null).OrderBy(f => f.FieldCode).ToListAsync()))
                .Where(f => !RuledCodes.Contains(f.FieldCode)).Take(atOnce - 1).ToList();
            var submissionAt = new Random(round).Next(atOnce);

            var outcomes = await AtOnce.RunAsync(atOnce, async (i, gate) =>
            {
                await using var scope = _host.Services.CreateAsyncScope();
                var s = scope.ServiceProvider;
                if (i == submissionAt)
                {
                    var page = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, lead, default))!;
                    await gate();
                    var submission = await s.GetRequiredService<ReviewTransitions>().SubmitAsync(page, lead, confirmed: true, default);
                    return (Code: (string?)null, Done: submission.IsDone, Message: submission.Refusal);
                }

                var figure = figures[i < submissionAt ? i : i - 1];
                var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, official, default))!;
                Assert.True(workspace.CanEdit);
                await gate();
                var change = new FigureChange(figure.FieldCode, FieldValue.Of(figure.Number!.Value + 1), figure.Version);
                var saved = await s.GetRequiredService<FigureWriter>().WriteAsync(workspace, official, [change], null, AuditSource.Form, default);
                Assert.NotEqual(OutcomeKind.Conflict, saved.Kind);
                return (Code: (string?)figure.FieldCode, Done: saved.Value?.Saved == 1, Message: saved.Refusal);
            });

            var submission = outcomes.Single(o => o.Code is null);
            Assert.True(submission.Done, submission.Message);
            var submittedAt = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().EvaluationTransitions
                .Where(t => t.EvaluationId == id && t.Action == ReviewAction.Submit).OrderByDescending(t => t.Id).Select(t => t.AtUtc).FirstAsync());
            var stored = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().FigureValues.AsNoTracking()
                .Where(f => f.EvaluationId == id).ToDictionaryAsync(f => f.FieldCode));
            foreach (var (code, done, message) in outcomes.Where(o => o.Code is not null))
            {
                var before = figures.Single(f => f.FieldCode == code);
                if (done)
                {
                    landed++;
                    Assert.True(stored[code!].UpdatedAtUtc < submittedAt, $"{code} saved at {stored[code!].UpdatedAtUtc:O}, submitted at {submittedAt:O}");
                }
                else
                {
                    refused++;
                    Assert.Equal(Core.Messaging.Messages.SubmittedLock.Text, message);
                    Assert.Equal((before.Number, before.Version), (stored[code!].Number, stored[code!].Version));
                }
            }

            // The edition frozen with the submission holds exactly what was stored then: the saves that landed, none refused.
            var frozen = Reports.Editions.EditionSnapshot.FromJson(await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().ReportEditions
                .Where(e => e.EvaluationId == id && e.Kind == EditionKind.Submitted).OrderByDescending(e => e.Id).Select(e => e.Snapshot).FirstAsync()));
            Assert.Equal(
                stored.Values.OrderBy(f => f.FieldCode, StringComparer.Ordinal).Select(f => (f.FieldCode, f.Version, f.ToValue()?.ToInvariantString())),
                frozen.Figures.Select(f => (f.Code, f.Version, f.Value)));

            var audited = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().AuditEntries
                .Where(a => a.EvaluationId == id && a.Kind == AuditKind.Figure && a.AtUtc >= roundStart).Select(a => a.AtUtc).ToListAsync());
            Assert.DoesNotContain(audited, at => at > submittedAt);
            Assert.Equal(outcomes.Count(o => o.Code is not null && o.Done), audited.Count);
        }

        _output.WriteLine($"{typeof(THost).Name}: {atOnce} at once × {rounds} rounds: {landed} saves landed before the submission, {refused} refused after it");
        Assert.Equal((atOnce - 1) * rounds, landed + refused);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(50)]
    public async Task Submissions_at_once_move_the_evaluation_once_and_freeze_one_edition(int atOnce)
    {
        var (id, _, lead) = await CompleteXiaxianAsync();
        await SetStatusAsync(id, EvaluationStatus.Draft);
        var editions = () => _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().ReportEditions.AsNoTracking()
            .Where(e => e.EvaluationId == id).OrderBy(e => e.Id).Select(e => new { e.Number, e.Kind }).ToListAsync());
        var before = await editions();

        var outcomes = await AtOnce.RunAsync(atOnce, async (_, gate) =>
        {
            await using var scope = _host.Services.CreateAsyncScope();
            var page = (await scope.ServiceProvider.GetRequiredService<WorkspaceLoader>().LoadAsync(id, lead, default))!;
            await gate();
            var submission = await scope.ServiceProvider.GetRequiredService<ReviewTransitions>().SubmitAsync(page, lead, confirmed: true, default);
            return (submission.IsDone, submission.Refusal);
        });

        Assert.Single(outcomes, o => o.IsDone);
        var after = await editions();
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Equal((before.Select(e => e.Number).DefaultIfEmpty(0).Max() + 1, EditionKind.Submitted), (after[^1].Number, after[^1].Kind));
    }

    [Fact]
    public async Task A_submission_decided_on_a_page_that_had_every_required_figure_is_refused_when_one_was_cleared_since()
    {
        var (id, official, lead) = await CompleteXiaxianAsync();
        await SetStatusAsync(id, EvaluationStatus.Draft);
        var page = await _host.WithScopeAsync(async s => (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, lead, default))!);
        Assert.True(page.ReviewPanel.Actions.Single().Allowed); // the lead's page offers the submission

        var cleared = await _host.WithScopeAsync(async s =>
        {
            var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, official, default))!;
            var row = workspace.FigureRows["A04.01"];
            return await s.GetRequiredService<FigureWriter>().WriteAsync(workspace, official, [new FigureChange("A04.01", null, row.Version)], null, AuditSource.Form, default);
        });
        Assert.Equal(1, cleared.Value?.Saved);

        var submission = await _host.WithScopeAsync(s => s.GetRequiredService<ReviewTransitions>().SubmitAsync(page, lead, confirmed: true, default));
        Assert.False(submission.IsDone);
        Assert.StartsWith("还有 1 项必填数据未填写（", submission.Refusal);
        Assert.Equal(EvaluationStatus.Draft, await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Evaluations.Where(e => e.Id == id).Select(e => e.Status).SingleAsync()));

        var restored = await _host.WithScopeAsync(async s =>
        {
            var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, official, default))!;
            return await s.GetRequiredService<FigureWriter>().WriteAsync(workspace, official,
                [new FigureChange("A04.01", FieldValue.Of(57628m), workspace.FigureRows["A04.01"].Version)], null, AuditSource.Form, default);
        });
        Assert.Equal(1, restored.Value?.Saved);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(50)]
    public async Task Uploads_at_the_same_moment_to_an_evaluation_and_its_tasks_never_pass_the_quota_together(int atOnce)
    {
        // 5,500 bytes of quota, 1,000 bytes a file: five fit, whichever come first.
        var id = await EvaluationIdAsync("140828", 2021);
        var official = await ActorAsync("xiaxian.official", Roles.CountyOfficial);
        await SetStatusAsync(id, EvaluationStatus.Draft);
        var task = await _host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<EduDutyDbContext>();
            var hashes = await db.EvidenceFiles.Where(f => f.EvaluationId == id).Select(f => f.ContentHash)
                .Concat(db.RectificationEvidence.Where(f => f.Task.EvaluationId == id).Select(f => f.ContentHash)).ToListAsync();
            await db.EvidenceFiles.Where(f => f.EvaluationId == id).ExecuteDeleteAsync();
            await db.RectificationEvidence.Where(f => f.Task.EvaluationId == id).ExecuteDeleteAsync();
            await db.EvidenceChunks.Where(c => hashes.Contains(c.Hash)).ExecuteDeleteAsync();
            await db.EvidenceBlobs.Where(b => hashes.Contains(b.Hash)).ExecuteDeleteAsync();
            if (await db.RectificationTasks.Where(t => t.EvaluationId == id).Select(t => (int?)t.Id).FirstOrDefaultAsync() is { } existing) return existing;
            var row = new RectificationTask { EvaluationId = id, Number = 1, Source = Core.Rectification.RectificationSource.Supervisor, Problem = "完善学校安全隐患台账" };
            db.RectificationTasks.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
        var run = Guid.NewGuid();

        var outcomes = await AtOnce.RunAsync(atOnce, async (i, gate) =>
        {
            await using var scope = _host.Services.CreateAsyncScope();
            var s = scope.ServiceProvider;
            var db = s.GetRequiredService<EduDutyDbContext>();
            var store = new EvidenceStore(db, SmallQuota);
            using var content = new MemoryStream(Png(1000, $"{run}:{i}"));
            if (i % 4 == 3)
            {
                var files = new RectificationEvidenceFiles(db, store, new EvidenceInspection(SmallQuota, s.GetRequiredService<ClamAvScanner>()), s.GetRequiredService<WriteExecutor>(), _host.Clock);
                await gate();
                var outcome = await files.AttachAsync(official, task, new EvidenceUpload($"整改照片{i}.png", content), null, default);
                return (outcome.IsDone, outcome.Refusal);
            }

            var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, official, default))!;
            var attach = new AttachEvidence(s.GetRequiredService<ContentWriter>(), store, new EvidenceInspection(SmallQuota, s.GetRequiredService<ClamAvScanner>()));
            await gate();
            var result = await attach.HandleAsync(workspace, new EvidenceTarget("A07_PRIVATE_COMPULSORY", "A07.07"), new EvidenceUpload($"照片{i}.png", content),
                new EvidenceDetails(null, null, null), official, default);
            return (result.IsDone, result.Refusal);
        });

        var used = await _host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<EduDutyDbContext>();
            return await db.EvidenceFiles.Where(f => f.EvaluationId == id).SumAsync(f => f.Length)
                + await db.RectificationEvidence.Where(f => f.Task.EvaluationId == id).SumAsync(f => f.Length);
        });
        var attached = outcomes.Count(o => o.Item1);
        _output.WriteLine($"{typeof(THost).Name}: {atOnce} uploads at once: {attached} attached ({used} bytes of {SmallQuota.QuotaBytes}), {atOnce - attached} refused");
        Assert.True(used <= SmallQuota.QuotaBytes, $"{used} bytes stored against a quota of {SmallQuota.QuotaBytes}");
        Assert.Equal(attached * 1000L, used);
        Assert.All(outcomes.Where(o => !o.Item1), o => Assert.Contains("本次评价的佐证材料总容量为 5.4 KB", o.Item2));
        Assert.Equal(5, attached); // uploads are counted one after the other: exactly as many as fit
    }

    /// <summary>
    /// Issue 24: eight (fifty) supervisors grant or refuse one bonus claim at once, each on the version their page showed:
    /// exactly one decision lands, the others are told the claim moved (409) — no decision overwrites one its author never saw.
    /// </summary>
    [Theory]
    [InlineData(8)]
    [InlineData(50)]
    public async Task Decisions_at_once_on_one_bonus_claim_version_land_once_and_the_others_conflict(int atOnce)
    {
        var (id, _) = await ScoredEvaluationAsync();
        var (supervisor, _) = await SupervisorsAsync();
        await SetStatusAsync(id, EvaluationStatus.Submitted);
        var roundStart = _host.Clock.GetUtcNow().UtcDateTime;
        var before = await ClaimVersionAsync(id);

        var outcomes = await AtOnce.RunAsync(atOnce, async (i, gate) =>
        {
            await using var scope = _host.Services.CreateAsyncScope();
            var s = scope.ServiceProvider;
            var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, supervisor, default))!;
            var shown = ScoreChanges.Seen((await s.GetRequiredService<ScoreQuery>().LoadAsync(workspace, default))!);
            await gate();
            return await s.GetRequiredService<ScoreChanges>().DecideAsync(workspace, supervisor, "J01", grant: i % 2 == 0, $"第 {i} 位督导：核定意见",
                ScoreChanges.SeenVersion(shown, "bonus", "J01"), default);
        });

        Assert.Single(outcomes, o => o.IsDone);
        Assert.All(outcomes.Where(o => !o.IsDone), o => Assert.Equal((OutcomeKind.Conflict, "bonus-claim-moved"), (o.Kind, o.Reason!.Code)));
        Assert.Equal(before + 1, await ClaimVersionAsync(id));
        Assert.Single(await ReviewAuditAsync(id, AuditKind.Score, since: roundStart));
    }

    /// <summary>Issue 24: supervisors adjusting one indicator's points at once on the version they saw: exactly one adjustment lands.</summary>
    [Theory]
    [InlineData(8)]
    [InlineData(50)]
    public async Task Adjustments_at_once_on_one_indicator_version_land_once_and_the_others_conflict(int atOnce)
    {
        var (id, _) = await ScoredEvaluationAsync();
        var (supervisor, _) = await SupervisorsAsync();
        await SetStatusAsync(id, EvaluationStatus.Submitted);
        var roundStart = _host.Clock.GetUtcNow().UtcDateTime;
        var before = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().PointsAdjustments
            .Where(a => a.EvaluationId == id && a.Code == "A02.01").Select(a => (int?)a.Version).SingleOrDefaultAsync()) ?? 0;

        var outcomes = await AtOnce.RunAsync(atOnce, async (i, gate) =>
        {
            await using var scope = _host.Services.CreateAsyncScope();
            var s = scope.ServiceProvider;
            var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, supervisor, default))!;
            var shown = ScoreChanges.Seen((await s.GetRequiredService<ScoreQuery>().LoadAsync(workspace, default))!);
            await gate();
            return await s.GetRequiredService<ScoreChanges>().AdjustAsync(workspace, supervisor, "A02.01", i % 3, $"第 {i} 位督导：按评分细则扣分",
                ScoreChanges.SeenVersion(shown, "points", "A02.01") ?? 0, default);
        });

        Assert.Single(outcomes, o => o.IsDone);
        Assert.All(outcomes.Where(o => !o.IsDone), o => Assert.Equal((OutcomeKind.Conflict, "adjustment-moved"), (o.Kind, o.Reason!.Code)));
        Assert.Equal(before + 1, await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().PointsAdjustments
            .Where(a => a.EvaluationId == id && a.Code == "A02.01").Select(a => a.Version).SingleAsync()));
        Assert.Single(await ReviewAuditAsync(id, AuditKind.Score, since: roundStart));
    }

    /// <summary>
    /// Issue 24: county officials saving one figure at once, each on the version their page showed (the "覆盖保存" after a
    /// conflict included): exactly one save lands per version, the others are shown the value that landed.
    /// </summary>
    [Theory]
    [InlineData(8)]
    [InlineData(50)]
    public async Task Saves_at_once_of_one_figure_version_land_once_and_the_others_conflict(int atOnce)
    {
        var (id, official, _) = await CompleteXiaxianAsync();
        await SetStatusAsync(id, EvaluationStatus.Draft);
        var (code, before) = await _host.WithScopeAsync(async s =>
        {
            var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, official, default))!;
            var row = workspace.FigureRows.Where(r => r.Value.Number is not null).OrderBy(r => r.Key, StringComparer.Ordinal).First();
            return (row.Key, row.Value.Version);
        });

        // Each writes a value of its own, never the one stored (a save that changes nothing is done without a version check).
        var outcomes = await AtOnce.RunAsync(atOnce, async (i, gate) =>
        {
            await using var scope = _host.Services.CreateAsyncScope();
            var s = scope.ServiceProvider;
            var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, official, default))!;
            var seen = workspace.FigureRows[code].Version;
            await gate();
            return await s.GetRequiredService<FigureWriter>().WriteAsync(workspace, official, [new FigureChange(code, FieldValue.Of(100_000m + (atOnce * 100) + i), seen)], null, AuditSource.Form, default);
        });

        Assert.Single(outcomes, o => o.IsDone);
        Assert.All(outcomes.Where(o => !o.IsDone), o => Assert.Equal((OutcomeKind.Conflict, "figures-moved"), (o.Kind, o.Reason!.Code)));
        Assert.Equal(before + 1, await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().FigureValues
            .Where(f => f.EvaluationId == id && f.FieldCode == code).Select(f => f.Version).SingleAsync()));
    }

    private Task<int> ClaimVersionAsync(int id) => _host.WithScopeAsync(s =>
        s.GetRequiredService<EduDutyDbContext>().BonusClaims.Where(c => c.EvaluationId == id && c.Code == "J01").Select(c => c.Version).SingleAsync());

    // The approval succeeded (a write in review never changes the state), and its time.
    private async Task<DateTime> ApprovedAtAsync(int id, IReadOnlyList<(int? Piece, bool Done, string? Message)> outcomes)
    {
        var approval = outcomes.Single(o => o.Piece is null);
        Assert.True(approval.Done, approval.Message);
        return await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().EvaluationTransitions
            .Where(t => t.EvaluationId == id && t.Action == ReviewAction.Approve).OrderByDescending(t => t.Id).Select(t => t.AtUtc).FirstAsync());
    }

    private Task<List<DateTime>> ReviewAuditAsync(int id, AuditKind kind, DateTime since) => _host.WithScopeAsync(s =>
        s.GetRequiredService<EduDutyDbContext>().AuditEntries
            .Where(a => a.EvaluationId == id && a.Kind == kind && a.Source == AuditSource.Review && a.AtUtc >= since).Select(a => a.AtUtc).ToListAsync());

    // 闻喜县's 2022 evaluation under the documented scored scheme, with the example's figures entered and a bonus applied for
    // (with its proof) by the county, through the write path.
    private async Task<(int Id, Actor Official)> ScoredEvaluationAsync()
    {
        var official = await ActorAsync("wenxi.official", Roles.CountyOfficial);
        var id = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Evaluations
            .Where(e => e.County.Code == "140823" && e.Year == 2022).Select(e => (int?)e.Id).SingleOrDefaultAsync());
        if (id is { } opened) return (opened, official);

        var (evaluation, _) = await ScoredExample.OpenForYunchengAsync(_host.Services);
        await _host.WithScopeAsync(async s =>
        {
            var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(evaluation, official, default))!;
            var figures = ScoredExample.DeductedNumbers.Select(n => new FigureChange(n.Code, FieldValue.Of(n.Number), 0))
                .Concat(ScoredExample.DeductedFlags.Select(f => new FigureChange(f.Code, FieldValue.Of(f.Flag), 0))).ToList();
            var written = await s.GetRequiredService<FigureWriter>().WriteAsync(workspace, official, figures, null, AuditSource.Form, default);
            Assert.Equal(figures.Count, written.Value?.Saved);
            var proof = await s.GetRequiredService<AttachEvidence>().HandleAsync(workspace, EvidenceTarget.Bonus("J01"),
                new EvidenceUpload("现场会通知.png", new MemoryStream(Png(300, "J01"))), new EvidenceDetails(null, null, null), official, default);
            Assert.True(proof.IsDone, proof.Refusal);
            var applied = await s.GetRequiredService<ScoreChanges>().ApplyAsync(workspace, official, "J01", "承办全省教育工作现场会", withdraw: false, default);
            Assert.True(applied.IsDone, applied.Refusal);
            return 0;
        });
        return (evaluation, official);
    }

    // 夏县's 2021 evaluation with the demo's complete figures, entered by its official through the write path (once).
    private static readonly HashSet<string> RuledCodes = Core.Schemes.BuiltInSchemes.Get("SX-2021").Plausibility
        .SelectMany(r => r.Codes.Concat(r.Codes.SelectMany(c => Core.Schemes.BuiltInSchemes.Get("SX-2021").FindField(c)!.Formula?.References ?? [])))
        .ToHashSet(StringComparer.Ordinal);

    private async Task<(int Id, Actor Official, Actor Lead)> CompleteXiaxianAsync()
    {
        var id = await EvaluationIdAsync("140828", 2021);
        var official = await ActorAsync("xiaxian.official", Roles.CountyOfficial);
        var lead = await ActorAsync("xiaxian.lead", Roles.CountyLead);
        if (await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().FigureValues.AnyAsync(f => f.EvaluationId == id))) return (id, official, lead);

        await SetStatusAsync(id, EvaluationStatus.Draft);
        await _host.WithScopeAsync(async s =>
        {
            var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, official, default))!;
            await using var resource = typeof(Demo.DemoData).Assembly.GetManifestResourceStream("EduDuty.Application.Demo.xiaxian-2021.figures.json")!;
            var file = FiguresFileReader.Read(await new StreamReader(resource).ReadToEndAsync(), workspace.Scheme).File!;
            var written = await s.GetRequiredService<FigureWriter>().WriteAsync(workspace, official,
                file.Values.Select(v => new FigureChange(v.Key, v.Value, 0)).ToList(), null, AuditSource.Form, default);
            Assert.True(written.IsDone, written.Refusal);
            return 0;
        });
        return (id, official, lead);
    }

    // At least <count> pieces of evidence on the evaluation, attached by the county while it is a draft.
    private async Task AttachUpToAsync(int id, Actor official, int count)
    {
        var have = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().EvidenceFiles.CountAsync(f => f.EvaluationId == id));
        for (var n = have; n < count; n++)
        {
            await _host.WithScopeAsync(async s =>
            {
                var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, official, default))!;
                var attached = await s.GetRequiredService<AttachEvidence>().HandleAsync(workspace, new EvidenceTarget("A07_PRIVATE_COMPULSORY", "A07.07"),
                    new EvidenceUpload($"名单{n}.png", new MemoryStream(Png(200, "名单"))), new EvidenceDetails(null, null, null), official, default);
                Assert.True(attached.IsDone, attached.Refusal);
                return 0;
            });
        }
    }

    private Task<int> EvaluationIdAsync(string county, int year) => _host.WithScopeAsync(s =>
        s.GetRequiredService<EduDutyDbContext>().Evaluations.Where(e => e.County.Code == county && e.Year == year).Select(e => e.Id).SingleAsync());

    private Task<int> SetStatusAsync(int id, EvaluationStatus status) => _host.WithScopeAsync(s =>
        s.GetRequiredService<EduDutyDbContext>().Evaluations.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, status)));

    // 运城市's supervisor, and a colleague of the same city (the approval needs no account of its own).
    private async Task<(Actor Supervisor, Actor Colleague)> SupervisorsAsync()
    {
        var supervisor = await ActorAsync("yuncheng.supervisor", Roles.Supervisor);
        return (supervisor, new Actor("yuncheng.colleague", "运城市督导员（二）", [Roles.Supervisor], supervisor.RegionPath));
    }

    private Task<Actor> ActorAsync(string userName, string role) => _host.WithScopeAsync(async s =>
    {
        var user = await s.GetRequiredService<EduDutyDbContext>().Users.Where(u => u.UserName == userName)
            .Select(u => new { u.Id, u.DisplayName, u.Region.Path }).SingleAsync();
        return new Actor(user.Id, user.DisplayName, [role], user.Path);
    });

    // A PNG of exactly <length> bytes whose content is its own (the quota counts each content once).
    private static byte[] Png(int length, string marker)
    {
        var bytes = new byte[length];
        byte[] header = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        header.CopyTo(bytes, 0);
        var mark = System.Text.Encoding.UTF8.GetBytes(marker);
        mark.AsSpan(0, Math.Min(mark.Length, length - header.Length)).CopyTo(bytes.AsSpan(header.Length));
        return bytes;
    }
}

public sealed class SqliteReviewRaceTests(SqliteApplicationHost host, ITestOutputHelper output) : ReviewRaceTests<SqliteApplicationHost>(host, output);

public sealed class PostgresReviewRaceTests(PostgresApplicationHost host, ITestOutputHelper output) : ReviewRaceTests<PostgresApplicationHost>(host, output);
