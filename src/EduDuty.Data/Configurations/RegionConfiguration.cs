using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduDuty.Data.Configurations;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> builder)
    {
        builder.Property(r => r.Code).HasMaxLength(6).IsRequired();
        builder.Property(r => r.Name).HasMaxLength(50).IsRequired();
        builder.Property(r => r.Path).HasMaxLength(64).IsRequired();
        builder.HasIndex(r => r.Code).IsUnique();
        builder.HasIndex(r => r.Path);
        builder.HasOne(r => r.Parent).WithMany().HasForeignKey(r => r.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
