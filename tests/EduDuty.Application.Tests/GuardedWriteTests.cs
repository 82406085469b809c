using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Comments;
using EduDuty.Application.Evidence;
using EduDuty.Application.Rectification;
using EduDuty.Core.Evidence;
using EduDuty.Core.Messaging;
using EduDuty.Core.Rectification;
using EduDuty.Core.Review;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// Comments, evidence and rectification write through the one executor: a write the rules refuse changes nothing and answers
/// the catalogue's message (its code is what the pages, the command line and the API map); a save the database refuses
/// answers <see cref="Messages.SaveFailed"/> and leaves nothing half-saved — no piece without its content, no content without
/// its piece, no comment without its notification. Each test starts from its own database (they count rows).
/// </summary>
public abstract class GuardedWriteTests<THost> : IAsyncLifetime
    where THost : ApplicationHost, new()
{
    private readonly THost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Refused_evidence_writes_change_nothing_and_answer_the_catalogues_code()
    {
        var id = await EvaluationAsync();
        var official = await ActorAsync("wenxi.official", Roles.CountyOfficial);
        var supervisor = await ActorAsync("yuncheng.supervisor", Roles.Supervisor);
        var before = await CountsAsync(id);

        var bySupervisor = await AttachAsync(id, supervisor);
        var judgedByCounty = await _host.WithScopeAsync(async s => await s.GetRequiredService<JudgeEvidence>()
            .HandleAsync((await LoadAsync(s, id, official))!, 1, 0, EvidenceVerdict.Sufficient, null, official, default));
        await SetStatusAsync(id, EvaluationStatus.Submitted);
        var whileSubmitted = await AttachAsync(id, official);

        Assert.Equal((OutcomeKind.Refused, "read-only-role", RefusalKind.Forbidden), (bySupervisor.Kind, bySupervisor.Reason!.Code, bySupervisor.Reason.Kind));
        Assert.Equal((OutcomeKind.Refused, "only-supervisors"), (judgedByCounty.Kind, judgedByCounty.Reason!.Code));
        Assert.Equal((OutcomeKind.Refused, "submitted-lock", RefusalKind.NotNow), (whileSubmitted.Kind, whileSubmitted.Reason!.Code, whileSubmitted.Reason.Kind));
        Assert.Equal(before, await CountsAsync(id));
    }

    [Fact]
    public async Task A_database_error_while_attaching_answers_save_failed_and_keeps_neither_the_piece_nor_its_content()
    {
        var id = await EvaluationAsync();
        var official = await ActorAsync("wenxi.official", Roles.CountyOfficial);
        var before = await CountsAsync(id);

        // The content is flushed first (blob, then each chunk); the save that adds the piece's row is the one refused.
        _host.Faults.FailWhen = t => t.Entries<EvidenceFile>().Any(e => e.State == EntityState.Added);
        var failed = await AttachAsync(id, official);

        Assert.Equal(1, _host.Faults.Failed);
        Assert.Equal((OutcomeKind.Refused, Messages.SaveFailed.Code), (failed.Kind, failed.Reason?.Code));
        Assert.Equal(before, await CountsAsync(id));

        var again = await AttachAsync(id, official);
        Assert.True(again.IsDone, again.Refusal);
        Assert.Equal(before with { Files = before.Files + 1, Blobs = before.Blobs + 1, Chunks = before.Chunks + 1, Audit = before.Audit + 1 }, await CountsAsync(id));
    }

    [Fact]
    public async Task A_database_error_while_removing_a_piece_keeps_the_piece_and_its_content()
    {
        var id = await EvaluationAsync();
        var official = await ActorAsync("wenxi.official", Roles.CountyOfficial);
        var attached = await AttachAsync(id, official);
        Assert.True(attached.IsDone, attached.Refusal);
        var before = await CountsAsync(id);

        // The row is flushed before its content is released: that flush is refused.
        _host.Faults.FailWhen = t => t.Entries<EvidenceFile>().Any(e => e.State == EntityState.Deleted);
        var failed = await _host.WithScopeAsync(async s => await s.GetRequiredService<ChangeEvidence>()
            .RemoveAsync((await LoadAsync(s, id, official))!, attached.Value!.Id, attached.Value.Version, official, default));

        Assert.Equal((OutcomeKind.Refused, Messages.SaveFailed.Code), (failed.Kind, failed.Reason?.Code));
        Assert.Equal(before, await CountsAsync(id));
    }

    [Fact]
    public async Task Refused_rectification_writes_change_nothing_and_answer_the_catalogues_code()
    {
        var id = await EvaluationAsync();
        var task = await TaskAsync(id);
        var official = await ActorAsync("wenxi.official", Roles.CountyOfficial);
        var supervisor = await ActorAsync("yuncheng.supervisor", Roles.Supervisor);
        var update = new TaskUpdate("县教育局", null, RectificationStatus.InProgress, null, "已制定整改方案。");
        var before = await TaskStateAsync(id, task);

        var bySupervisor = await _host.WithScopeAsync(s => s.GetRequiredService<UpdateRectification>().HandleAsync(supervisor, task, 1, update, default));
        var stale = await _host.WithScopeAsync(s => s.GetRequiredService<UpdateRectification>().HandleAsync(official, task, 0, update, default));
        var missing = await _host.WithScopeAsync(s => s.GetRequiredService<UpdateRectification>().HandleAsync(official, 999_999, 1, update, default));
        var attachBySupervisor = await _host.WithScopeAsync(s => s.GetRequiredService<RectificationEvidenceFiles>()
            .AttachAsync(supervisor, task, new EvidenceUpload("整改通知.pdf", new MemoryStream(Pdf)), null, default));

        Assert.Equal((OutcomeKind.Refused, "only-county-updates-tasks", RefusalKind.Forbidden), (bySupervisor.Kind, bySupervisor.Reason!.Code, bySupervisor.Reason.Kind));
        Assert.Equal((OutcomeKind.Conflict, "task-moved"), (stale.Kind, stale.Reason!.Code));
        Assert.Equal((OutcomeKind.NotFound, "task-not-found"), (missing.Kind, missing.Reason!.Code));
        Assert.Equal((OutcomeKind.Refused, "only-county-updates-tasks"), (attachBySupervisor.Kind, attachBySupervisor.Reason!.Code));
        Assert.Equal(before, await TaskStateAsync(id, task));

        // A database error on the save that adds the task's piece: its content, flushed before, goes too.
        _host.Faults.FailWhen = t => t.Entries<RectificationEvidence>().Any(e => e.State == EntityState.Added);
        var failed = await _host.WithScopeAsync(s => s.GetRequiredService<RectificationEvidenceFiles>()
            .AttachAsync(official, task, new EvidenceUpload("整改通知.pdf", new MemoryStream(Pdf)), null, default));
        Assert.Equal((OutcomeKind.Refused, Messages.SaveFailed.Code), (failed.Kind, failed.Reason?.Code));
        Assert.Equal(before, await TaskStateAsync(id, task));

        var updated = await _host.WithScopeAsync(s => s.GetRequiredService<UpdateRectification>().HandleAsync(official, task, 1, update, default));
        Assert.True(updated.IsDone, updated.Refusal);
        Assert.Equal(before with { Version = 2, Status = RectificationStatus.InProgress, Notes = 1, Audit = before.Audit + 1 }, await TaskStateAsync(id, task));
    }

    [Fact]
    public async Task Refused_or_failed_comments_store_nothing_and_tell_nobody()
    {
        var id = await EvaluationAsync();
        var supervisor = await ActorAsync("yuncheng.supervisor", Roles.Supervisor);
        var official = await ActorAsync("wenxi.official", Roles.CountyOfficial);
        var opened = await _host.WithScopeAsync(async s => await s.GetRequiredService<OpenThread>().HandleAsync((await LoadAsync(s, id, supervisor))!, supervisor, "A10.03", "请说明口径", default));
        Assert.True(opened.IsDone, opened.Refusal);
        var thread = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().ReviewComments.Select(c => c.Id).SingleAsync());
        var before = await CommentStateAsync();

        var otherThread = await _host.WithScopeAsync(async s => await s.GetRequiredService<ReplyToThread>().HandleAsync((await LoadAsync(s, id, official))!, official, thread + 1, "按出生登记", default));
        var resolveOther = await _host.WithScopeAsync(async s => await s.GetRequiredService<SetThreadResolved>().HandleAsync((await LoadAsync(s, id, official))!, official, thread + 1, true, default));
        var empty = await _host.WithScopeAsync(async s => await s.GetRequiredService<ReplyToThread>().HandleAsync((await LoadAsync(s, id, official))!, official, thread, "  ", default));
        _host.Faults.FailWhen = t => t.Entries<Notification>().Any(e => e.State == EntityState.Added);
        var failed = await _host.WithScopeAsync(async s => await s.GetRequiredService<ReplyToThread>().HandleAsync((await LoadAsync(s, id, official))!, official, thread, "按出生登记", default));

        Assert.Equal((OutcomeKind.NotFound, "thread-not-found"), (otherThread.Kind, otherThread.Reason!.Code));
        Assert.Equal((OutcomeKind.NotFound, "thread-not-found"), (resolveOther.Kind, resolveOther.Reason!.Code));
        Assert.Equal((OutcomeKind.Invalid, "请填写意见内容。"), (empty.Kind, empty.Refusal));
        Assert.Equal((OutcomeKind.Refused, Messages.SaveFailed.Code), (failed.Kind, failed.Reason?.Code));
        Assert.Equal(before, await CommentStateAsync());
    }

    private static readonly byte[] Pdf = File.ReadAllBytes(RepositoryPaths.Fixture("evidence", "notice.pdf"));

    private record struct Counts(int Files, int Blobs, int Chunks, int Audit);

    private record struct TaskState(int Version, RectificationStatus Status, int Notes, int Files, int Blobs, int Audit);

    private Task<Outcome<EvidenceFile>> AttachAsync(int id, Actor actor) => _host.WithScopeAsync(async s =>
        await s.GetRequiredService<AttachEvidence>().HandleAsync((await LoadAsync(s, id, actor))!, new EvidenceTarget("A07_PRIVATE_COMPULSORY", "A07.07"),
            new EvidenceUpload("名单.pdf", new MemoryStream(Pdf)), new EvidenceDetails(null, null, null), actor, default));

    private Task<Counts> CountsAsync(int id) => _host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        return new Counts(await db.EvidenceFiles.CountAsync(f => f.EvaluationId == id), await db.EvidenceBlobs.CountAsync(),
            await db.EvidenceChunks.CountAsync(), await db.AuditEntries.CountAsync(a => a.EvaluationId == id));
    });

    private Task<TaskState> TaskStateAsync(int id, int task) => _host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var row = await db.RectificationTasks.AsNoTracking().SingleAsync(t => t.Id == task);
        return new TaskState(row.Version, row.Status, await db.RectificationNotes.CountAsync(n => n.TaskId == task),
            await db.RectificationEvidence.CountAsync(f => f.TaskId == task), await db.EvidenceBlobs.CountAsync(), await db.AuditEntries.CountAsync(a => a.EvaluationId == id));
    });

    private Task<(int Comments, int Resolved, int Notifications)> CommentStateAsync() => _host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        return (await db.ReviewComments.CountAsync(), await db.ReviewComments.CountAsync(c => c.IsResolved), await db.Notifications.CountAsync());
    });

    // 闻喜县's 2021 evaluation, a draft.
    private async Task<int> EvaluationAsync()
    {
        var id = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Evaluations
            .Where(e => e.County.Code == "140823" && e.Year == 2021).Select(e => e.Id).SingleAsync());
        await SetStatusAsync(id, EvaluationStatus.Draft);
        return id;
    }

    // A task of the evaluation as an approval would have made it (version 1).
    private Task<int> TaskAsync(int id) => _host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var row = new RectificationTask
        {
            EvaluationId = id, Number = 1, Source = RectificationSource.Supervisor, Problem = "完善学校安全隐患台账",
            Status = RectificationStatus.NotStarted, Version = 1,
        };
        db.RectificationTasks.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    });

    private Task<int> SetStatusAsync(int id, EvaluationStatus status) => _host.WithScopeAsync(s =>
        s.GetRequiredService<EduDutyDbContext>().Evaluations.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, status)));

    private Task<Actor> ActorAsync(string userName, string role) => _host.WithScopeAsync(async s =>
    {
        var user = await s.GetRequiredService<EduDutyDbContext>().Users.Include(u => u.Region).SingleAsync(u => u.UserName == userName);
        return new Actor(user.Id, user.DisplayName, [role], user.Region.Path);
    });

    private static Task<Workspace?> LoadAsync(IServiceProvider s, int id, Actor actor) => s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, actor, default);
}

public sealed class SqliteGuardedWriteTests : GuardedWriteTests<SqliteApplicationHost>;

public sealed class PostgresGuardedWriteTests : GuardedWriteTests<PostgresApplicationHost>;
