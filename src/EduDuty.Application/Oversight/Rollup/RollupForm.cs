using System.ComponentModel.DataAnnotations;
using EduDuty.Core.Text;
using FluentValidation;

namespace EduDuty.Application.Oversight.Rollup;

/// <summary>What the roll-up report page posts: the supervisors' texts, paragraph lists one paragraph a line.</summary>
public sealed class RollupForm
{
    [Display(Name = "发文机关")]
    public string? Issuer { get; set; }

    [Display(Name = "主送机关")]
    public string? Addressee { get; set; }

    [Display(Name = "成文日期")]
    public string? Date { get; set; }

    [Display(Name = "整改报告报送日期")]
    public string? RectificationDue { get; set; }

    [Display(Name = "汇总尚未提交的草稿数据（征求意见稿）")]
    public bool IncludeDrafts { get; set; }

    [Display(Name = "开头语")] [DataType(DataType.MultilineText)]
    public string? Intro { get; set; }

    [Display(Name = "基本情况")] [DataType(DataType.MultilineText)]
    public string? Basic { get; set; }

    [Display(Name = "主要成效的引导语")] [DataType(DataType.MultilineText)]
    public string? AchievementsLead { get; set; }

    [Display(Name = "存在的主要问题的引导语")] [DataType(DataType.MultilineText)]
    public string? ProblemsLead { get; set; }

    [Display(Name = "整改要求")] [DataType(DataType.MultilineText)]
    public string? Requirements { get; set; }

    public int Version { get; set; }

    internal IEnumerable<string?> Texts => [Intro, Basic, AchievementsLead, ProblemsLead, Requirements];
}

public sealed class RollupFormValidator : AbstractValidator<RollupForm>
{
    public RollupFormValidator()
    {
        RuleFor(f => f.Issuer).MaximumLength(100).WithMessage("发文机关名称最多 100 个字符");
        RuleFor(f => f.Issuer).Must(PlainText.IsSingleLine).WithMessage("发文机关名称只能是一行文字，不能含有换行或控制字符");
        RuleFor(f => f.Addressee).MaximumLength(100).WithMessage("主送机关最多 100 个字符");
        RuleFor(f => f.Addressee).Must(PlainText.IsSingleLine).WithMessage("主送机关只能是一行文字，不能含有换行或控制字符");
        RuleFor(f => f.Date).Must(d => string.IsNullOrWhiteSpace(d) || ChinaTime.ParseIsoDate(d) is not null)
            .WithMessage("成文日期格式应为 2021-12-20；留空时报告在日期处提示填写");
        RuleFor(f => f.RectificationDue).Must(d => string.IsNullOrWhiteSpace(d) || ChinaTime.ParseIsoDate(d) is not null)
            .WithMessage("整改报告报送日期格式应为 2022-03-31；留空时报告中此处显示＿＿");
        RuleFor(f => f.Intro).MaximumLength(2000).WithMessage("开头语最多 2000 个字符");
        RuleFor(f => f.Basic).MaximumLength(10000).WithMessage("基本情况最多 10000 个字符");
        RuleFor(f => f.AchievementsLead).MaximumLength(2000).WithMessage("主要成效引导语最多 2000 个字符");
        RuleFor(f => f.ProblemsLead).MaximumLength(2000).WithMessage("存在问题引导语最多 2000 个字符");
        RuleFor(f => f.Requirements).MaximumLength(10000).WithMessage("整改要求最多 10000 个字符");
        RuleFor(f => f).Must(f => !f.Texts.Append(f.Issuer).Append(f.Addressee).Any(PlainText.HasControlCharacters))
            .WithMessage("文字中含有不可见的控制字符，请删除后重新保存");
    }
}
