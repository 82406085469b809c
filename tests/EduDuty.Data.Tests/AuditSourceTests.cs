using EduDuty.Data.Entities;

namespace EduDuty.Data.Tests;

/// <summary>
/// The audit's sources are a type with their words in one place; the words are what the column has always held and what the
/// audit chain hashes, so they may not change.
/// </summary>
public sealed class AuditSourceTests
{
    [Fact]
    public void Each_source_has_the_words_the_column_always_held_and_reads_back_from_them()
    {
        Assert.Equal(["表单", "导入", "Excel", "报告页", "上传", "审核", "上年带入", "整改任务", "演示数据", "公示", "接口", "部门填报", "满意度调查"], Enum.GetValues<AuditSource>().Select(s => s.Text()));
        Assert.All(Enum.GetValues<AuditSource>(), s =>
        {
            Assert.Equal(s, AuditSources.Parse(s.Text()));
            Assert.InRange(s.Text().Length, 1, AuditSources.MaxLength);
        });
    }

    [Fact]
    public void Words_no_source_has_are_a_damaged_row_not_a_guess()
    {
        Assert.Equal("Unknown audit source \"test\" in AuditEntries.Source.", Assert.Throws<FormatException>(() => AuditSources.Parse("test")).Message);
    }
}
