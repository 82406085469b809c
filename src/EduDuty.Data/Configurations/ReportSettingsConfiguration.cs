using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduDuty.Data.Configurations;

internal sealed class ReportSettingsConfiguration : IEntityTypeConfiguration<ReportSettings>
{
    public void Configure(EntityTypeBuilder<ReportSettings> builder)
    {
        builder.Property(r => r.Issuer).HasMaxLength(100);
        builder.Property(r => r.Addressee).HasMaxLength(100);
        builder.Property(r => r.ProblemsLead).HasMaxLength(2000);
        builder.Property(r => r.RectificationLead).HasMaxLength(2000);
        builder.Property(r => r.PlansLead).HasMaxLength(2000);
        builder.Property(r => r.UpdatedByUserId).HasMaxLength(450);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasOne<Evaluation>().WithOne().HasForeignKey<ReportSettings>(r => r.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.EvaluationId).IsUnique();
    }
}
