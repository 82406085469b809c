using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduDuty.Data.Configurations;

internal sealed class BonusClaimConfiguration : IEntityTypeConfiguration<BonusClaim>
{
    public void Configure(EntityTypeBuilder<BonusClaim> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(40).IsRequired();
        builder.Property(c => c.Reason).HasMaxLength(1000).IsRequired();
        builder.Property(c => c.AppliedByName).HasMaxLength(100).IsRequired();
        builder.Property(c => c.DecisionReason).HasMaxLength(1000);
        builder.Property(c => c.DecidedByName).HasMaxLength(100);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<Evaluation>().WithMany().HasForeignKey(c => c.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.EvaluationId, c.Code }).IsUnique();
    }
}

internal sealed class PointsAdjustmentConfiguration : IEntityTypeConfiguration<PointsAdjustment>
{
    public void Configure(EntityTypeBuilder<PointsAdjustment> builder)
    {
        builder.Property(a => a.Code).HasMaxLength(40).IsRequired();
        builder.Property(a => a.Points).HasPrecision(10, 2);
        builder.Property(a => a.Reason).HasMaxLength(1000).IsRequired();
        builder.Property(a => a.ByName).HasMaxLength(100).IsRequired();
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasOne<Evaluation>().WithMany().HasForeignKey(a => a.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.EvaluationId, a.Code }).IsUnique();
    }
}
