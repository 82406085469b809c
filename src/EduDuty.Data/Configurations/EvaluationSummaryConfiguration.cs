using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduDuty.Data.Configurations;

internal sealed class EvaluationSummaryConfiguration : IEntityTypeConfiguration<EvaluationSummary>
{
    public void Configure(EntityTypeBuilder<EvaluationSummary> builder)
    {
        builder.HasKey(s => s.EvaluationId);
        builder.Property(s => s.EvaluationId).ValueGeneratedNever();
        builder.Property(s => s.FailingCodes).HasMaxLength(4000);
        builder.Property(s => s.JudgedValues).HasMaxLength(8000);
        builder.Property(s => s.SchemeHash).HasMaxLength(64);
        builder.HasOne<Evaluation>().WithOne().HasForeignKey<EvaluationSummary>(s => s.EvaluationId).OnDelete(DeleteBehavior.Cascade);
    }
}
