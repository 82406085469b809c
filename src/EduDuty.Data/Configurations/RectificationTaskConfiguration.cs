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
