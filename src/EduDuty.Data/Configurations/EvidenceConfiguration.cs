using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduDuty.Data.Configurations;

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> builder)
    {
        builder.Property(e => e.AreaKey).HasMaxLength(40);
        builder.Property(e => e.FieldCode).HasMaxLength(40);
        builder.Property(e => e.Title).HasMaxLength(200).IsRequired();
        builder.Property(e => e.DocumentNumber).HasMaxLength(100);
        builder.Property(e => e.FileName).HasMaxLength(260).IsRequired();
        builder.Property(e => e.ContentHash).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.Property(e => e.Kind).HasConversion<int>();
        builder.Property(e => e.UploadedByUserId).HasMaxLength(450).IsRequired();
        builder.Property(e => e.UploadedByName).HasMaxLength(100).IsRequired();
        builder.Property(e => e.Verdict).HasConversion<int?>();
        builder.Property(e => e.VerdictReason).HasMaxLength(1000);
        builder.Property(e => e.VerdictByName).HasMaxLength(100);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasIndex(e => new { e.EvaluationId, e.AreaKey, e.FieldCode });
        builder.HasIndex(e => e.ContentHash);
        builder.HasOne<Evaluation>().WithMany().HasForeignKey(e => e.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<EvidenceBlob>().WithMany().HasForeignKey(e => e.ContentHash).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EvidenceFileVersionConfiguration : IEntityTypeConfiguration<EvidenceFileVersion>
{
    public void Configure(EntityTypeBuilder<EvidenceFileVersion> builder)
    {
        builder.Property(e => e.Title).HasMaxLength(200).IsRequired();
        builder.Property(e => e.FileName).HasMaxLength(260).IsRequired();
        builder.Property(e => e.ContentHash).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.Property(e => e.Kind).HasConversion<int>();
        builder.Property(e => e.UploadedByName).HasMaxLength(100).IsRequired();
        builder.Property(e => e.Verdict).HasConversion<int?>();
        builder.Property(e => e.VerdictReason).HasMaxLength(1000);
        builder.Property(e => e.VerdictByName).HasMaxLength(100);
        builder.Property(e => e.ReplacedByName).HasMaxLength(100).IsRequired();
        builder.HasIndex(e => new { e.EvidenceFileId, e.Number }).IsUnique();
        builder.HasIndex(e => e.ContentHash);
        builder.HasOne<EvidenceFile>().WithMany().HasForeignKey(e => e.EvidenceFileId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<EvidenceBlob>().WithMany().HasForeignKey(e => e.ContentHash).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EvidenceBlobConfiguration : IEntityTypeConfiguration<EvidenceBlob>
{
    public void Configure(EntityTypeBuilder<EvidenceBlob> builder)
    {
        builder.HasKey(b => b.Hash);
        builder.Property(b => b.Hash).HasMaxLength(64).IsFixedLength();
    }
}

internal sealed class EvidenceChunkConfiguration : IEntityTypeConfiguration<EvidenceChunk>
{
    public void Configure(EntityTypeBuilder<EvidenceChunk> builder)
    {
        builder.HasKey(c => new { c.Hash, c.Index });
        builder.Property(c => c.Hash).HasMaxLength(64).IsFixedLength();
        builder.Property(c => c.Data).IsRequired();
        builder.HasOne<EvidenceBlob>().WithMany().HasForeignKey(c => c.Hash).OnDelete(DeleteBehavior.Cascade);
    }
}
