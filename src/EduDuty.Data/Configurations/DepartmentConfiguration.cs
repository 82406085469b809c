using EduDuty.Core.Departments;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduDuty.Data.Configurations;

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> builder)
    {
        builder.Property(d => d.Name).HasMaxLength(DepartmentNames.MaxLength).IsRequired();
        builder.HasOne(d => d.County).WithMany().HasForeignKey(d => d.CountyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.CountyId, d.Name }).IsUnique();
    }
}

internal sealed class FieldAssignmentConfiguration : IEntityTypeConfiguration<FieldAssignment>
{
    public void Configure(EntityTypeBuilder<FieldAssignment> builder)
    {
        builder.HasKey(a => new { a.EvaluationId, a.FieldCode });
        builder.Property(a => a.FieldCode).HasMaxLength(40);
        builder.Property(a => a.UpdatedByUserId).HasMaxLength(450);
        builder.HasOne<Evaluation>().WithMany().HasForeignKey(a => a.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Department>().WithMany().HasForeignKey(a => a.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DepartmentFieldStateConfiguration : IEntityTypeConfiguration<DepartmentFieldState>
{
    public void Configure(EntityTypeBuilder<DepartmentFieldState> builder)
    {
        builder.HasKey(s => new { s.EvaluationId, s.FieldCode });
        builder.Property(s => s.FieldCode).HasMaxLength(40);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Reason).HasMaxLength(DepartmentFieldState.MaxReasonLength);
        builder.Property(s => s.ByUserId).HasMaxLength(450);
        builder.Property(s => s.ByName).HasMaxLength(50);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasOne<Evaluation>().WithMany().HasForeignKey(s => s.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Department>().WithMany().HasForeignKey(s => s.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.DepartmentId, s.Status });
    }
}
