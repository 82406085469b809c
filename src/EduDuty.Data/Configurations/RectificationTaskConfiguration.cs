using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduDuty.Data.Configurations;

internal sealed class RectificationTaskConfiguration : IEntityTypeConfiguration<RectificationTask>
{
    public void Configure(EntityTypeBuilder<RectificationTask> builder)
    {
        builder.Property(t => t.Problem).HasMaxLength(2000).IsRequired();
        builder.Property(t => t.Measures).HasMaxLength(2000);
        builder.Property(t => t.Codes).HasMaxLength(1000);
        builder.Property(t => t.ResponsibleUnit).HasMaxLength(100);
        builder.Property(t => t.Reason).HasMaxLength(2000);
        builder.Property(t => t.UpdatedByUserId).HasMaxLength(450);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasOne(t => t.Evaluation).WithMany().HasForeignKey(t => t.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.Notes).WithOne().HasForeignKey(n => n.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.EvaluationId, t.Number }).IsUnique();
        builder.HasIndex(t => new { t.Status, t.DueDate });
    }
}

internal sealed class RectificationNoteConfiguration : IEntityTypeConfiguration<RectificationNote>
{
    public void Configure(EntityTypeBuilder<RectificationNote> builder)
    {
        builder.Property(n => n.Text).HasMaxLength(2000).IsRequired();
        builder.Property(n => n.UserId).HasMaxLength(450).IsRequired();
        builder.Property(n => n.UserDisplayName).HasMaxLength(100).IsRequired();
    }
}

internal sealed class RectificationEvidenceConfiguration : IEntityTypeConfiguration<RectificationEvidence>
{
    public void Configure(EntityTypeBuilder<RectificationEvidence> builder)
    {
        builder.Property(e => e.Title).HasMaxLength(200).IsRequired();
        builder.Property(e => e.FileName).HasMaxLength(260).IsRequired();
        builder.Property(e => e.ContentHash).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.Property(e => e.Kind).HasConversion<int>();
        builder.Property(e => e.UploadedByUserId).HasMaxLength(450).IsRequired();
        builder.Property(e => e.UploadedByName).HasMaxLength(100).IsRequired();
        builder.HasOne(e => e.Task).WithMany().HasForeignKey(e => e.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<EvidenceBlob>().WithMany().HasForeignKey(e => e.ContentHash).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.ContentHash);
    }
}
