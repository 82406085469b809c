using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduDuty.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Target).HasMaxLength(40).IsRequired();
        // Old and new values are kept whole, however long (a report's settings can run to hundreds of KB): an audit that
        // cuts them would lose what it exists to keep.
        builder.Property(a => a.UserId).HasMaxLength(450).IsRequired();
        builder.Property(a => a.UserDisplayName).HasMaxLength(50).IsRequired();
        // The source's text, as the column always held it (and the chain hashes it): a typed source, the same column.
        builder.Property(a => a.Source).HasConversion(s => s.Text(), text => AuditSources.Parse(text)).HasMaxLength(AuditSources.MaxLength).IsRequired();
        builder.HasOne<Evaluation>().WithMany().HasForeignKey(a => a.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.Hash).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(a => new { a.EvaluationId, a.Id });
        // One link per place: in an evaluation's own chain (decision 0045), or in the closed province-wide chain (whose
        // indexes run across evaluations, so that they are unique there too).
        builder.HasIndex(a => new { a.OwnChain, a.EvaluationId, a.ChainIndex }).IsUnique();
    }
}
