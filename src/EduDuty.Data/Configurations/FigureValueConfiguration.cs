using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduDuty.Data.Configurations;

internal sealed class FigureValueConfiguration : IEntityTypeConfiguration<FigureValue>
{
    public void Configure(EntityTypeBuilder<FigureValue> builder)
    {
        builder.Property(f => f.FieldCode).HasMaxLength(40).IsRequired();
        // 18 integer digits and 10 decimals cover every figure a county reports (万元 totals, 0.001 coefficients).
        builder.Property(f => f.Number).HasPrecision(28, 10);
        builder.Property(f => f.Text).HasMaxLength(4000);
        builder.Property(f => f.UpdatedByUserId).HasMaxLength(450);
        builder.Property(f => f.Version).IsConcurrencyToken();
        builder.HasIndex(f => new { f.EvaluationId, f.FieldCode }).IsUnique();
    }
}
