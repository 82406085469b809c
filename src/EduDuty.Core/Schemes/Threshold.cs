using System.Globalization;

namespace EduDuty.Core.Schemes;

public enum ComparisonOp
{
    AtLeast,
    AtMost,
    EqualTo,
    GreaterThan,
    LessThan,
}

/// <summary>
/// A target a field is judged against. Numeric targets hold <see cref="Number"/>;
/// yes/no targets hold <see cref="Flag"/> and always use <see cref="ComparisonOp.EqualTo"/>.
/// </summary>
public sealed record Threshold(ComparisonOp Op, decimal? Number, bool? Flag)
{
    public static Threshold ForNumber(ComparisonOp op, decimal value) => new(op, value, null);

    public static Threshold ForFlag(bool value) => new(ComparisonOp.EqualTo, null, value);

    public static bool TryParseOp(string? text, out ComparisonOp op)
    {
        switch (text)
        {
            case ">=": op = ComparisonOp.AtLeast; return true;
            case "<=": op = ComparisonOp.AtMost; return true;
            case "=": op = ComparisonOp.EqualTo; return true;
            case ">": op = ComparisonOp.GreaterThan; return true;
            case "<": op = ComparisonOp.LessThan; return true;
            default: op = default; return false;
        }
    }

    public static string Symbol(ComparisonOp op) => op switch
    {
        ComparisonOp.AtLeast => "≥",
        ComparisonOp.AtMost => "≤",
        ComparisonOp.EqualTo => "=",
        ComparisonOp.GreaterThan => ">",
        ComparisonOp.LessThan => "<",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>The target value alone, as a placeholder <c>{CODE.target}</c> prints it: "90", "是".</summary>
    public string ValueText => Flag is { } flag ? (flag ? "是" : "否") : Rules.DisplayFormat.Compact(Number!.Value, null);

    /// <summary>
    /// The target as every page, reason and report table writes it: "≥ 55%", "≤ 5%", "= 是". The one rendering of a threshold.
    /// </summary>
    /// <summary>Whether a value meets the target, at full precision: the one comparison every judgment makes.</summary>
    public bool IsMetBy(Figures.FieldValue value)
    {
        if (Flag is { } flag) return value.Type == Figures.FieldValueType.Flag && value.Flag == flag;
        if (value.Type != Figures.FieldValueType.Number) return false;
        var target = Number!.Value;
        return Op switch
        {
            ComparisonOp.AtLeast => value.Number >= target,
            ComparisonOp.AtMost => value.Number <= target,
            ComparisonOp.EqualTo => value.Number == target,
            ComparisonOp.GreaterThan => value.Number > target,
            ComparisonOp.LessThan => value.Number < target,
            _ => false,
        };
    }

    public string Describe(string? unit) => $"{Symbol(Op)} {(Flag is null ? Rules.DisplayFormat.WithUnit(ValueText, unit) : ValueText)}";

    /// <summary>Canonical text for comparing versions (scheme diff): "≥ 55", "= 是".</summary>
    public override string ToString() => Flag is { } flag
        ? $"= {(flag ? "是" : "否")}"
        : $"{Symbol(Op)} {Number!.Value.ToString(CultureInfo.InvariantCulture)}";
}
