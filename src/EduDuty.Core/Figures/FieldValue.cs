using System.Globalization;

namespace EduDuty.Core.Figures;

/// <summary>A value of a field: a number, a 是/否, or a text. Exactly one is meaningful, by <see cref="Type"/>.</summary>
public readonly record struct FieldValue
{
    private FieldValue(FieldValueType type, decimal number, bool flag, string? text)
    {
        Type = type;
        Number = number;
        Flag = flag;
        Text = text;
    }

    public FieldValueType Type { get; }

    public decimal Number { get; }

    public bool Flag { get; }

    public string? Text { get; }

    /// <summary>The number when this is a number, else null (a 是/否 or a text is not the number 0).</summary>
    public decimal? AsNumber => Type == FieldValueType.Number ? Number : null;

    /// <summary>A number, without the trailing zeros a stored scale adds (10755.0000000000 becomes 10755).</summary>
    public static FieldValue Of(decimal number) => new(FieldValueType.Number, number / 1.0000000000000000000000000000m, false, null);

    public static FieldValue Of(bool flag) => new(FieldValueType.Flag, 0, flag, null);

    public static FieldValue Of(string text) => new(FieldValueType.Text, 0, false, text);

    /// <summary>Canonical text for the audit trail and for comparisons: invariant digits, 是/否 as true/false.</summary>
    public string ToInvariantString() => Type switch
    {
        FieldValueType.Number => Number.ToString(CultureInfo.InvariantCulture),
        FieldValueType.Flag => Flag ? "true" : "false",
        _ => Text ?? string.Empty,
    };

    public override string ToString() => ToInvariantString();
}

public enum FieldValueType
{
    Number,
    Flag,
    Text,
}
