using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduDuty.Data.Configurations;

internal sealed class AreaNarrativeConfiguration : IEntityTypeConfiguration<AreaNarrative>
{
    public void Configure(EntityTypeBuilder<AreaNarrative> builder)
    {
        builder.Property(n => n.AreaKey).HasMaxLength(40).IsRequired();
        builder.Property(n => n.Text).HasMaxLength(20000).IsRequired();
        builder.Property(n => n.UpdatedByUserId).HasMaxLength(450);
        builder.Property(n => n.Version).IsConcurrencyToken();
        builder.HasIndex(n => new { n.EvaluationId, n.AreaKey }).IsUnique();
    }
}
