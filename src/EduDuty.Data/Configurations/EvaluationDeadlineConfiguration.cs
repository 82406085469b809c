using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduDuty.Data.Configurations;

internal sealed class EvaluationDeadlineConfiguration : IEntityTypeConfiguration<EvaluationDeadline>
{
    public void Configure(EntityTypeBuilder<EvaluationDeadline> builder)
    {
        builder.ToTable("Deadlines");
        builder.Property(d => d.UpdatedByUserId).HasMaxLength(450);
        builder.HasOne<SchemeRecord>().WithMany().HasForeignKey(d => d.SchemeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(d => d.Region).WithMany().HasForeignKey(d => d.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.SchemeId, d.Year, d.RegionId }).IsUnique();
    }
}
