using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduDuty.Data.Configurations;

internal sealed class SchemeRecordConfiguration : IEntityTypeConfiguration<SchemeRecord>
{
    public void Configure(EntityTypeBuilder<SchemeRecord> builder)
    {
        builder.ToTable("Schemes");
        builder.Property(s => s.Code).HasMaxLength(32).IsRequired();
        builder.Property(s => s.Title).HasMaxLength(200).IsRequired();
        builder.Property(s => s.DocumentNumber).HasMaxLength(100).IsRequired();
        builder.Property(s => s.Definition).IsRequired();
        builder.Property(s => s.ContentHash).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.HasIndex(s => new { s.Code, s.Version }).IsUnique();
        builder.HasOne(s => s.OwnerRegion).WithMany().HasForeignKey(s => s.OwnerRegionId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.DocumentHash).HasMaxLength(64).IsFixedLength();
        builder.Property(s => s.DocumentFileName).HasMaxLength(260);
        // The document's bytes are an evidence blob; releasing a blob asks the schemes too (EvidenceStore.ReleaseAsync). No foreign
        // key: adding one to an existing table is a table rebuild outside a transaction on SQLite.
    }
}
