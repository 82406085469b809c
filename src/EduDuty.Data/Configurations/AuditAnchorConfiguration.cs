using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduDuty.Data.Configurations;

internal sealed class AuditAnchorConfiguration : IEntityTypeConfiguration<AuditAnchor>
{
    public void Configure(EntityTypeBuilder<AuditAnchor> builder)
    {
        builder.ToTable("AuditAnchors");
        builder.Property(a => a.Root).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.Property(a => a.Hash).HasMaxLength(64).IsFixedLength();
        builder.Property(a => a.Signature).HasMaxLength(1024); // base64 of an RSA-4096 or ECDSA signature fits with room
        builder.Property(a => a.SignerSha256).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(a => a.ChainIndex).IsUnique();
    }
}

internal sealed class AuditAnchorLeafConfiguration : IEntityTypeConfiguration<AuditAnchorLeaf>
{
    public void Configure(EntityTypeBuilder<AuditAnchorLeaf> builder)
    {
        builder.ToTable("AuditAnchorLeaves");
        builder.HasKey(l => new { l.AnchorId, l.Position });
        builder.Property(l => l.Chain).HasMaxLength(16).IsRequired();
        builder.Property(l => l.ChainHash).HasMaxLength(64).IsFixedLength().IsRequired();
        // No foreign key to the anchor: removing an anchor must leave its leaves for the verification to find.
    }
}
