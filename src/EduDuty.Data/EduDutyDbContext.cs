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

    public DbSet<AreaNarrative> AreaNarratives => Set<AreaNarrative>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ReportSettings> ReportSettings => Set<ReportSettings>();

    public DbSet<EvaluationTransition> EvaluationTransitions => Set<EvaluationTransition>();

    public DbSet<ReviewComment> ReviewComments => Set<ReviewComment>();

    public DbSet<EvaluationDeadline> Deadlines => Set<EvaluationDeadline>();

    public DbSet<AdminAuditEntry> AdminAuditEntries => Set<AdminAuditEntry>();

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
