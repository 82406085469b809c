using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduDuty.Data.Configurations;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(50).IsRequired();
        builder.Property(t => t.UserId).HasMaxLength(450).IsRequired();
        builder.Property(t => t.Kind).HasConversion<int>();
        builder.Property(t => t.Scopes).HasMaxLength(100).IsRequired();
        builder.Property(t => t.SecretHash).HasMaxLength(64).IsRequired();
        builder.Property(t => t.Prefix).HasMaxLength(16).IsRequired();
        builder.Property(t => t.CreatedById).HasMaxLength(450).IsRequired();
        builder.Property(t => t.CreatedByName).HasMaxLength(100).IsRequired();
        builder.Property(t => t.RevokedById).HasMaxLength(450);
        builder.Property(t => t.RevokedByName).HasMaxLength(100);
        builder.HasIndex(t => t.SecretHash).IsUnique();
        builder.HasIndex(t => t.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
