using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduDuty.Data.Configurations;

internal sealed class ReportEditionConfiguration : IEntityTypeConfiguration<ReportEdition>
{
    public void Configure(EntityTypeBuilder<ReportEdition> builder)
    {
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.CreatedByUserId).HasMaxLength(450).IsRequired();
        builder.Property(e => e.CreatedByName).HasMaxLength(50).IsRequired();
        builder.Property(e => e.SchemeCode).HasMaxLength(64).IsRequired();
        builder.Property(e => e.SchemeHash).HasMaxLength(64).IsRequired();
        builder.Property(e => e.SoftwareVersion).HasMaxLength(64).IsRequired();
        builder.Property(e => e.SnapshotHash).HasMaxLength(64).IsRequired();
        builder.Property(e => e.PdfHash).HasMaxLength(64).IsRequired();
        builder.Property(e => e.DocxHash).HasMaxLength(64).IsRequired();
        builder.Property(e => e.SignerSubject).HasMaxLength(400);
        builder.Property(e => e.SignerThumbprint).HasMaxLength(64);
        builder.Property(e => e.Opinion).HasMaxLength(2000);
        builder.HasOne<Evaluation>().WithMany().HasForeignKey(e => e.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        // One edition per submission and kind: two approvals of one submission cannot both be stored.
        builder.HasIndex(e => new { e.EvaluationId, e.Number, e.Kind }).IsUnique();
        // Verification looks a file up by its hash.
        builder.HasIndex(e => e.PdfHash);
        builder.HasIndex(e => e.DocxHash);
    }
}

internal sealed class ReportPublicationConfiguration : IEntityTypeConfiguration<ReportPublication>
{
    public void Configure(EntityTypeBuilder<ReportPublication> builder)
    {
        builder.Property(p => p.PublishedByUserId).HasMaxLength(450).IsRequired();
        builder.Property(p => p.PublishedByName).HasMaxLength(50).IsRequired();
        builder.Property(p => p.WithdrawnByName).HasMaxLength(50);
        builder.Property(p => p.WithdrawnReason).HasMaxLength(2000);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasOne<Evaluation>().WithMany().HasForeignKey(p => p.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        // Editions go only with their evaluation, and its publications with them.
        builder.HasOne(p => p.Edition).WithMany().HasForeignKey(p => p.EditionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.EvaluationId, p.EndedAtUtc });
    }
}
