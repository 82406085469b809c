using EduDuty.Core.Surveys;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduDuty.Data.Configurations;

internal sealed class SurveyDefinitionConfiguration : IEntityTypeConfiguration<SurveyDefinitionRecord>
{
    public void Configure(EntityTypeBuilder<SurveyDefinitionRecord> builder)
    {
        builder.ToTable("SurveyDefinitions");
        builder.Property(d => d.Code).HasMaxLength(40).IsRequired();
        builder.Property(d => d.Title).HasMaxLength(SurveyLoader.MaxTitle).IsRequired();
        builder.Property(d => d.SchemeCode).HasMaxLength(40);
        builder.Property(d => d.ContentHash).HasMaxLength(64).IsRequired();
        builder.Property(d => d.UploadedByName).HasMaxLength(50);
        builder.HasIndex(d => new { d.Code, d.Version }).IsUnique();
        builder.HasOne<Region>().WithMany().HasForeignKey(d => d.OwnerRegionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SurveyRoundConfiguration : IEntityTypeConfiguration<SurveyRound>
{
    public void Configure(EntityTypeBuilder<SurveyRound> builder)
    {
        builder.HasOne(r => r.Definition).WithMany().HasForeignKey(r => r.DefinitionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Region).WithMany().HasForeignKey(r => r.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.FieldCodes).HasMaxLength(400).IsRequired();
        builder.Property(r => r.CreatedByUserId).HasMaxLength(450);
        builder.Property(r => r.CreatedByName).HasMaxLength(50);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.Year, r.RegionId });
    }
}

internal sealed class SurveyLinkConfiguration : IEntityTypeConfiguration<SurveyLink>
{
    public void Configure(EntityTypeBuilder<SurveyLink> builder)
    {
        builder.HasOne(l => l.Round).WithMany().HasForeignKey(l => l.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(l => l.County).WithMany().HasForeignKey(l => l.CountyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(l => l.Token).HasMaxLength(SurveyLink.TokenLength).IsRequired();
        builder.HasIndex(l => l.Token).IsUnique();
        // A county is in at most one round per year: its doors are unique per year and channel.
        builder.HasIndex(l => new { l.Year, l.CountyId, l.Channel }).IsUnique();
        builder.HasIndex(l => new { l.RoundId, l.CountyId });
    }
}

internal sealed class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyAnswer> builder)
    {
        builder.Property(a => a.DeviceKey).HasMaxLength(SurveyAnswer.KeyLength).IsRequired();
        builder.Property(a => a.AddressKey).HasMaxLength(SurveyAnswer.KeyLength).IsRequired();
        builder.Property(a => a.Choices).IsRequired();
        builder.HasOne<SurveyLink>().WithMany().HasForeignKey(a => a.LinkId).OnDelete(DeleteBehavior.Cascade);
        // One sheet per device and door: the second is refused by the index, whatever arrives at the same moment.
        builder.HasIndex(a => new { a.LinkId, a.DeviceKey }).IsUnique();
        builder.HasIndex(a => new { a.RoundId, a.AddressKey });
        builder.HasIndex(a => new { a.RoundId, a.CountyId, a.Id });
    }
}

internal sealed class SurveyOpenAnswerConfiguration : IEntityTypeConfiguration<SurveyOpenAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyOpenAnswer> builder)
    {
        builder.HasKey(o => new { o.AnswerId, o.Question });
        builder.Property(o => o.Text).HasMaxLength(SurveyOpenAnswer.MaxLength).IsRequired();
        builder.HasOne<SurveyAnswer>().WithMany().HasForeignKey(o => o.AnswerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SurveyTallyConfiguration : IEntityTypeConfiguration<SurveyTally>
{
    public void Configure(EntityTypeBuilder<SurveyTally> builder)
    {
        builder.ToTable("SurveyTallies");
        builder.HasKey(t => new { t.RoundId, t.CountyId, t.Group, t.Question, t.Option, t.Shard });
        builder.HasOne<SurveyRound>().WithMany().HasForeignKey(t => t.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProblemReportConfiguration : IEntityTypeConfiguration<ProblemReport>
{
    public void Configure(EntityTypeBuilder<ProblemReport> builder)
    {
        builder.HasOne<SurveyRound>().WithMany().HasForeignKey(p => p.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.County).WithMany().HasForeignKey(p => p.CountyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.Reference).HasMaxLength(ProblemReport.ReferenceLength).IsRequired();
        builder.HasIndex(p => p.Reference).IsUnique();
        builder.Property(p => p.Category).HasMaxLength(20).IsRequired();
        builder.Property(p => p.Text).HasMaxLength(ProblemReports.MaxText).IsRequired();
        builder.Property(p => p.ContactName).HasMaxLength(ProblemReports.MaxContact);
        builder.Property(p => p.ContactPhone).HasMaxLength(ProblemReports.MaxContact);
        builder.Property(p => p.AddressKey).HasMaxLength(SurveyAnswer.KeyLength).IsRequired();
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.UpdatedByName).HasMaxLength(50);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => new { p.CountyId, p.Status });
        builder.HasIndex(p => new { p.RoundId, p.AddressKey });
    }
}

internal sealed class ProblemReportNoteConfiguration : IEntityTypeConfiguration<ProblemReportNote>
{
    public void Configure(EntityTypeBuilder<ProblemReportNote> builder)
    {
        builder.Property(n => n.ByUserId).HasMaxLength(450);
        builder.Property(n => n.ByName).HasMaxLength(50).IsRequired();
        builder.Property(n => n.FromStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.ToStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Text).HasMaxLength(ProblemReports.MaxNote);
        builder.HasOne<ProblemReport>().WithMany().HasForeignKey(n => n.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => n.ReportId);
    }
}

internal sealed class SurveySaltConfiguration : IEntityTypeConfiguration<SurveySalt>
{
    public void Configure(EntityTypeBuilder<SurveySalt> builder)
    {
        builder.HasKey(s => s.Day);
        builder.Property(s => s.Salt).HasMaxLength(32).IsRequired();
    }
}
