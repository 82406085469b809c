using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduDuty.Data.Configurations;

internal sealed class AdminAuditEntryConfiguration : IEntityTypeConfiguration<AdminAuditEntry>
{
    public void Configure(EntityTypeBuilder<AdminAuditEntry> builder)
    {
        builder.ToTable("AdminAuditEntries");
        builder.Property(a => a.UserId).HasMaxLength(450).IsRequired();
        builder.Property(a => a.UserDisplayName).HasMaxLength(50).IsRequired();
        builder.Property(a => a.Action).HasConversion(a => a.Text(), text => AdminActions.Parse(text)).HasMaxLength(AdminActions.MaxLength).IsRequired();
        builder.Property(a => a.Target).HasMaxLength(200).IsRequired();
        builder.Property(a => a.Before).HasMaxLength(4000);
        builder.Property(a => a.After).HasMaxLength(4000);
        builder.Property(a => a.RegionPath).HasMaxLength(64).IsRequired().HasDefaultValue(string.Empty);
        builder.Property(a => a.Hash).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(a => a.AtUtc);
        builder.HasIndex(a => a.ChainIndex).IsUnique();
        builder.HasIndex(a => a.RegionPath);
    }
}
