using EduDuty.Data.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EduDuty.Data;

public class EduDutyDbContext(DbContextOptions<EduDutyDbContext> options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Region> Regions => Set<Region>();

    public DbSet<SchemeRecord> Schemes => Set<SchemeRecord>();

    public DbSet<Evaluation> Evaluations => Set<Evaluation>();

    public DbSet<FigureValue> FigureValues => Set<FigureValue>();

    /// <summary>Each evaluation's results in brief, kept current by every write of its figures.</summary>
    public DbSet<EvaluationSummary> Summaries => Set<EvaluationSummary>();

    /// <summary>Regions' roll-up report texts, per year and scheme.</summary>
    public DbSet<RollupReport> RollupReports => Set<RollupReport>();

    public DbSet<AreaNarrative> AreaNarratives => Set<AreaNarrative>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ReportSettings> ReportSettings => Set<ReportSettings>();

    public DbSet<EvaluationTransition> EvaluationTransitions => Set<EvaluationTransition>();

    public DbSet<ReviewComment> ReviewComments => Set<ReviewComment>();

    public DbSet<EvaluationDeadline> Deadlines => Set<EvaluationDeadline>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();

    public DbSet<EvidenceFileVersion> EvidenceFileVersions => Set<EvidenceFileVersion>();

    public DbSet<EvidenceBlob> EvidenceBlobs => Set<EvidenceBlob>();

    public DbSet<EvidenceChunk> EvidenceChunks => Set<EvidenceChunk>();

    public DbSet<AdminAuditEntry> AdminAuditEntries => Set<AdminAuditEntry>();

    /// <summary>Problems of approved evaluations tracked to rectification (issue 16).</summary>
    public DbSet<RectificationTask> RectificationTasks => Set<RectificationTask>();

    public DbSet<RectificationNote> RectificationNotes => Set<RectificationNote>();

    public DbSet<RectificationEvidence> RectificationEvidence => Set<RectificationEvidence>();

    /// <summary>Bonus points applied for and decided, and supervisors' point adjustments, under schemes that score (issue 16).</summary>
    public DbSet<BonusClaim> BonusClaims => Set<BonusClaim>();

    public DbSet<PointsAdjustment> PointsAdjustments => Set<PointsAdjustment>();

    /// <summary>Signed-in sessions, kept on the server so that ending one takes effect at once everywhere.</summary>
    public DbSet<UserSession> UserSessions => Set<UserSession>();

    /// <summary>Attempts per key and window (sign-in, password change), shared by every instance.</summary>
    public DbSet<AttemptCounter> AttemptCounters => Set<AttemptCounter>();

    /// <summary>Frozen editions of reports, made on submission and approval (decision 0030).</summary>
    public DbSet<ReportEdition> ReportEditions => Set<ReportEdition>();

    /// <summary>Reports made public (公示), and their withdrawals.</summary>
    public DbSet<ReportPublication> ReportPublications => Set<ReportPublication>();

    /// <summary>The heads of the audit hash chains (decision 0013).</summary>
    public DbSet<AuditChain> AuditChains => Set<AuditChain>();

    /// <summary>The periodic anchors of every audit chain's head (decision 0045).</summary>
    public DbSet<AuditAnchor> AuditAnchors => Set<AuditAnchor>();

    public DbSet<AuditAnchorLeaf> AuditAnchorLeaves => Set<AuditAnchorLeaf>();

    /// <summary>API access tokens (issue 29): only the SHA-256 of each secret.</summary>
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    /// <summary>A county's offices that own figures (issue 30), their assignment per evaluation, and the state of their parts.</summary>
    public DbSet<Department> Departments => Set<Department>();

    public DbSet<FieldAssignment> FieldAssignments => Set<FieldAssignment>();

    public DbSet<DepartmentFieldState> DepartmentFieldStates => Set<DepartmentFieldState>();

    /// <summary>Survey files (issue 31), one row per version.</summary>
    public DbSet<SurveyDefinitionRecord> SurveyDefinitions => Set<SurveyDefinitionRecord>();

    /// <summary>Surveys opened for a year, a region and a period.</summary>
    public DbSet<SurveyRound> SurveyRounds => Set<SurveyRound>();

    /// <summary>The counties' public doors (questionnaires and the problem-report form) of each round.</summary>
    public DbSet<SurveyLink> SurveyLinks => Set<SurveyLink>();

    /// <summary>Anonymous answer sheets.</summary>
    public DbSet<SurveyAnswer> SurveyAnswers => Set<SurveyAnswer>();

    /// <summary>Open questions' answer texts.</summary>
    public DbSet<SurveyOpenAnswer> SurveyOpenAnswers => Set<SurveyOpenAnswer>();

    /// <summary>Running counts the results are summed from.</summary>
    public DbSet<SurveyTally> SurveyTallies => Set<SurveyTally>();

    /// <summary>Problem reports (问题线索) for the supervisors.</summary>
    public DbSet<ProblemReport> ProblemReports => Set<ProblemReport>();

    /// <summary>Supervisors' steps on problem reports.</summary>
    public DbSet<ProblemReportNote> ProblemReportNotes => Set<ProblemReportNote>();

    /// <summary>Today's salt of the address hashes (one row; earlier days' are deleted).</summary>
    public DbSet<SurveySalt> SurveySalts => Set<SurveySalt>();

    /// <summary>Saves, linking every new audit entry into its hash chain within the same transaction.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var chained = ChangeTracker.Entries<IChainedEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (chained.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (Database.CurrentTransaction is not null)
        {
            await AuditChaining.LinkAsync(this, chained, cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await AuditChaining.LinkAsync(this, chained, cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>
    /// Locks an audit chain's head until the transaction ends (created if new) and returns it tracked: what the anchoring
    /// holds while it takes the heads in, so two anchors follow one another.
    /// </summary>
    public Task<AuditChain> LockChainHeadAsync(string name, CancellationToken cancellationToken) =>
        Database.CurrentTransaction is null
            ? throw new InvalidOperationException("A chain's head is locked only inside the write's transaction.")
            : AuditChaining.LockAsync(this, name, cancellationToken);

    /// <summary>Every save of EduDuty is asynchronous; a synchronous one would bypass nothing but is not expected.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>ASP.NET Core Data Protection keys, shared by every instance of the portal.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(EduDutyDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC. SQLite hands DateTime back as Unspecified; this restores the kind on both providers.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
