using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduDuty.Data.Configurations;

internal sealed class ReviewCommentConfiguration : IEntityTypeConfiguration<ReviewComment>
{
    public void Configure(EntityTypeBuilder<ReviewComment> builder)
    {
        builder.Property(c => c.TargetKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Target).HasMaxLength(40);
        builder.Property(c => c.Text).HasMaxLength(4000).IsRequired();
        builder.Property(c => c.AuthorId).HasMaxLength(450).IsRequired();
        builder.Property(c => c.AuthorDisplayName).HasMaxLength(50).IsRequired();
        builder.Property(c => c.AuthorRole).HasMaxLength(32).IsRequired();
        builder.HasOne<Evaluation>().WithMany().HasForeignKey(c => c.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ReviewComment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.EvaluationId, c.Id });
    }
}
