using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduDuty.Data.Configurations;

internal sealed class RollupReportConfiguration : IEntityTypeConfiguration<RollupReport>
{
    public void Configure(EntityTypeBuilder<RollupReport> builder)
    {
        builder.Property(r => r.TextsJson).HasMaxLength(40000);
        builder.Property(r => r.UpdatedByUserId).HasMaxLength(450);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasOne<Region>().WithMany().HasForeignKey(r => r.RegionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SchemeRecord>().WithMany().HasForeignKey(r => r.SchemeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.RegionId, r.Year, r.SchemeId }).IsUnique();
    }
}
