using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduDuty.Data.Configurations;

internal sealed class AuditChainConfiguration : IEntityTypeConfiguration<AuditChain>
{
    public void Configure(EntityTypeBuilder<AuditChain> builder)
    {
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(16);
        builder.Property(c => c.LastHash).HasMaxLength(64).IsFixedLength();
        // The heads exist from the first migration on, so that the first entry can lock its chain's row.
        // An evaluation's own chain and the anchors' chain get their row with their first link (AuditChaining).
        builder.HasData(new AuditChain { Name = AuditChain.Evaluations }, new AuditChain { Name = AuditChain.Administration });
    }
}
