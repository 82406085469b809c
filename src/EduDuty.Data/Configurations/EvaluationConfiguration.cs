using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduDuty.Data.Configurations;

internal sealed class EvaluationConfiguration : IEntityTypeConfiguration<Evaluation>
{
    public void Configure(EntityTypeBuilder<Evaluation> builder)
    {
        builder.HasOne(e => e.County).WithMany().HasForeignKey(e => e.CountyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Scheme).WithMany().HasForeignKey(e => e.SchemeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.CountyId, e.Year, e.SchemeId }).IsUnique();
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasMany(e => e.Figures).WithOne().HasForeignKey(f => f.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Narratives).WithOne().HasForeignKey(n => n.EvaluationId).OnDelete(DeleteBehavior.Cascade);
    }
}
