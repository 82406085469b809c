using EduDuty.Core.Schemes;
using FluentValidation;

namespace EduDuty.Core.Figures;

/// <summary>
/// Well-formedness of one entry, by the field's kind and the measure the scheme declares for it: whole counts, no negative
/// figures, percentages within 0–100, sensible upper bounds, text length. Whether a figure meets its target is the rule
/// engine's business, not this.
/// </summary>
public sealed class FigureEntryValidator : AbstractValidator<FigureEntry>
{
    public const int MaxTextLength = 2000;

    public FigureEntryValidator()
    {
        RuleFor(e => e.Raw)
            .Must(raw => !Text.PlainText.HasControlCharacters(raw))
            .WithMessage("含有不可见的控制字符，请删除后重新输入");

        When(e => e.Field.Kind == FieldKind.Number && !e.IsBlank && !Text.PlainText.HasControlCharacters(e.Raw), () =>
        {
            RuleFor(e => e.Raw).Custom((raw, context) =>
            {
                var field = context.InstanceToValidate.Field;
                if (NumberProblem(field, raw) is { } problem) context.AddFailure(nameof(FigureEntry.Raw), problem);
            });
        });

        When(e => e.Field.Kind == FieldKind.Bool && !e.IsBlank, () =>
        {
            RuleFor(e => e.Raw).Must(raw => FigureFlags.Parse(raw) is not null).WithMessage("请选择“是”或“否”");
        });

        When(e => e.Field.Kind == FieldKind.Text, () =>
        {
            RuleFor(e => e.Raw).MaximumLength(MaxTextLength).WithMessage($"内容过长：最多 {MaxTextLength} 个字符，请精简");
        });

        RuleFor(e => e.Field.Kind)
            .Must(kind => kind.IsInput())
            .WithMessage("这是计算得出的指标，不能直接填写");
    }

    private static string? NumberProblem(SchemeField field, string? raw)
    {
        if (FigureText.NumberProblem(raw) is { } problem)
        {
            return field.Measure == FieldMeasure.Count ? problem.Replace("请输入数字", "请输入整数", StringComparison.Ordinal) : problem;
        }

        FigureText.TryParseNumber(raw, out var value);
        var range = EntryRange.Of(field);
        if (value < range.Min) return "不能为负数，请核对";
        if (range.Whole && value != decimal.Truncate(value)) return $"请输入整数（单位：{field.Unit}），例如 12149";
        if (value <= range.Max) return null;
        return field.Measure switch
        {
            FieldMeasure.Percent => "百分比应在 0–100 之间，请核对",
            FieldMeasure.Count => $"数值过大（上限 {range.Max:#,0}），请核对",
            _ => $"数值过大（上限 {range.Max:#,0}），请核对单位和数值",
        };
    }
}
