using System.ComponentModel.DataAnnotations;
using EduDuty.Core.Text;
using FluentValidation;

namespace EduDuty.Application.Evaluations.Report;

/// <summary>What the report page posts: the county's report texts beyond the area texts.</summary>
public sealed class ReportForm
{
    [Display(Name = "发文机关")]
    public string? Issuer { get; set; }

    [Display(Name = "主送机关")]
    public string? Addressee { get; set; }

    [Display(Name = "成文日期")]
    public string? Date { get; set; }

    /// <summary>The lead of 上年度问题整改情况, shown when the county has last year's rectification tasks.</summary>
    [Display(Name = "上年度问题整改情况的引导语")] [DataType(DataType.MultilineText)]
    public string? RectificationLead { get; set; }

    [Display(Name = "存在问题的引导语")] [DataType(DataType.MultilineText)]
    public string? ProblemsLead { get; set; }

    public List<ProblemInput> Problems { get; set; } = [];

    [Display(Name = "下一步工作打算的引导语")] [DataType(DataType.MultilineText)]
    public string? PlansLead { get; set; }

    public List<PlanInput> Plans { get; set; } = [];

    /// <summary>附录显示各指标的数据来源 (issue 30): the appendix names each indicator's data source and the department that enters it.</summary>
    [Display(Name = "附录显示各指标的数据来源")]
    public bool ShowDataSources { get; set; }

    public int Version { get; set; }

    /// <summary>
    /// Applies a "上移/下移" button ("Problems:2:up", "Plans:0:down"): the item trades places with its neighbour, and every
    /// item is numbered again in the order shown. Saving then stores the new order with whatever else was typed. Anything
    /// that is not such a move changes nothing.
    /// </summary>
    public void Move(string? move)
    {
        var parts = (move ?? string.Empty).Split(':');
        if (parts.Length != 3 || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)) return;
        var step = parts[2] switch { "up" => -1, "down" => 1, _ => 0 };
        if (step == 0) return;
        switch (parts[0])
        {
            case "Problems": Problems = Swapped(Problems, p => p.Order, index, step, (p, order) => p.Order = order); break;
            case "Plans": Plans = Swapped(Plans, p => p.Order, index, step, (p, order) => p.Order = order); break;
        }
    }

    private static List<T> Swapped<T>(List<T> items, Func<T, int> order, int index, int step, Action<T, int> renumber)
    {
        var list = items.OrderBy(order).ToList();
        var other = index + step;
        if (index < 0 || index >= list.Count || other < 0 || other >= list.Count) return items;
        (list[index], list[other]) = (list[other], list[index]);
        for (var i = 0; i < list.Count; i++) renumber(list[i], i + 1);
        return list;
    }
}

public sealed class ProblemInput
{
    [Display(Name = "标题")]
    public string? Heading { get; set; }

    [Display(Name = "存在问题的说明")] [DataType(DataType.MultilineText)]
    public string? Measures { get; set; }

    /// <summary>Failing indicator codes the item covers, separated by commas or spaces.</summary>
    [Display(Name = "涉及的指标代码")]
    public string? Codes { get; set; }

    public int Order { get; set; }

    public bool Delete { get; set; }

    public IReadOnlyList<string> CodeList =>
        (Codes ?? string.Empty).Split([',', '，', ' ', '、', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public sealed class PlanInput
{
    [Display(Name = "标题")]
    public string? Heading { get; set; }

    [Display(Name = "工作打算的内容")] [DataType(DataType.MultilineText)]
    public string? Text { get; set; }

    public int Order { get; set; }

    public bool Delete { get; set; }
}

/// <summary>Well-formedness of the report form: lengths, dates, control characters. Placeholders are checked against the scheme on save.</summary>
public sealed class ReportFormValidator : AbstractValidator<ReportForm>
{
    /// <summary>About ten pages of a report; far more than any county writes for one section.</summary>
    public const int MaxSectionLength = 60000;

    public ReportFormValidator()
    {
        RuleFor(f => f.Issuer).MaximumLength(100).WithMessage("发文机关名称最多 100 个字符");
        RuleFor(f => f.Addressee).MaximumLength(100).WithMessage("主送机关最多 100 个字符");
        RuleFor(f => f.Date)
            .Must(d => string.IsNullOrWhiteSpace(d) || ChinaTime.ParseIsoDate(d) is not null)
            .WithMessage("成文日期格式应为 2021-11-10，或留空使用下载当天的日期");
        RuleFor(f => f.ProblemsLead).MaximumLength(2000).WithMessage("引导语最多 2000 个字符");
        RuleFor(f => f.RectificationLead).MaximumLength(2000).WithMessage("上年度问题整改情况的引导语最多 2000 个字符");
        RuleFor(f => f.PlansLead).MaximumLength(2000).WithMessage("引导语最多 2000 个字符");
        RuleFor(f => f.Problems.Count).LessThanOrEqualTo(50).WithMessage("存在问题最多 50 项");
        RuleFor(f => f.Plans.Count).LessThanOrEqualTo(20).WithMessage("下一步工作最多 20 项");
        RuleForEach(f => f.Problems).ChildRules(p =>
        {
            p.RuleFor(x => x.Heading).MaximumLength(500).WithMessage("问题标题最多 500 个字符");
            p.RuleFor(x => x.Measures).MaximumLength(5000).WithMessage("改进措施最多 5000 个字符");
            p.RuleFor(x => x.Codes).MaximumLength(200).WithMessage("关联指标代码过长");
        });
        RuleForEach(f => f.Plans).ChildRules(p =>
        {
            p.RuleFor(x => x.Heading).MaximumLength(500).WithMessage("标题最多 500 个字符");
            p.RuleFor(x => x.Text).MaximumLength(5000).WithMessage("内容最多 5000 个字符");
        });
        RuleFor(f => f).Must(f => !AllText(f).Any(PlainText.HasControlCharacters)).WithMessage("文字中含有不可见的控制字符，请删除后重新保存");
        RuleFor(f => f.Issuer).Must(PlainText.IsSingleLine).WithMessage("发文机关名称只能是一行文字，不能含有换行或控制字符");
        RuleFor(f => f.Addressee).Must(PlainText.IsSingleLine).WithMessage("主送机关只能是一行文字，不能含有换行或控制字符");
        RuleFor(f => ProblemsLength(f))
            .LessThanOrEqualTo(MaxSectionLength).WithMessage($"“存在问题和改进措施”的文字合计最多 {MaxSectionLength} 个字符，请精简")
            .OverridePropertyName(nameof(ReportForm.Problems));
        RuleFor(f => PlansLength(f))
            .LessThanOrEqualTo(MaxSectionLength).WithMessage($"“下一步工作打算”的文字合计最多 {MaxSectionLength} 个字符，请精简")
            .OverridePropertyName(nameof(ReportForm.Plans));
    }

    private static int ProblemsLength(ReportForm f) => f.Problems.Sum(p => (p.Heading?.Length ?? 0) + (p.Measures?.Length ?? 0));

    private static int PlansLength(ReportForm f) => f.Plans.Sum(p => (p.Heading?.Length ?? 0) + (p.Text?.Length ?? 0));

    private static IEnumerable<string?> AllText(ReportForm f) =>
        new[] { f.Issuer, f.Addressee, f.Date, f.RectificationLead, f.ProblemsLead, f.PlansLead }
            .Concat(f.Problems.SelectMany(p => new[] { p.Heading, p.Measures, p.Codes }))
            .Concat(f.Plans.SelectMany(p => new[] { p.Heading, p.Text }));
}
