using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduDuty.Data.Configurations;

internal sealed class EvaluationTransitionConfiguration : IEntityTypeConfiguration<EvaluationTransition>
{
    public void Configure(EntityTypeBuilder<EvaluationTransition> builder)
    {
        builder.Property(t => t.Action).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.From).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.To).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.UserId).HasMaxLength(450).IsRequired();
        builder.Property(t => t.UserDisplayName).HasMaxLength(50).IsRequired();
        builder.Property(t => t.UserRole).HasMaxLength(32).IsRequired();
        builder.Property(t => t.Reason).HasMaxLength(2000);
        builder.HasOne<Evaluation>().WithMany().HasForeignKey(t => t.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.EvaluationId, t.Id });
    }
}
