using EduDuty.Core.Figures;

namespace EduDuty.Data.Entities;

public static class FigureValueExtensions
{
    /// <summary>The stored value; null for a row whose value was cleared (the row stays to keep its version).</summary>
    public static FieldValue? ToValue(this FigureValue row) =>
        row.Number is { } n ? FieldValue.Of(n)
        : row.Flag is { } f ? FieldValue.Of(f)
        : row.Text is { } t ? FieldValue.Of(t)
        : null;

    public static IReadOnlyDictionary<string, FieldValue> ToValues(this IEnumerable<FigureValue> rows) =>
        rows.Select(r => (r.FieldCode, Value: r.ToValue()))
            .Where(r => r.Value is not null)
            .ToDictionary(r => r.FieldCode, r => r.Value!.Value, StringComparer.Ordinal);

    public static void Assign(this FigureValue row, FieldValue? value)
    {
        row.Number = value is { Type: FieldValueType.Number } n ? n.Number : null;
        row.Flag = value is { Type: FieldValueType.Flag } f ? f.Flag : null;
        row.Text = value is { Type: FieldValueType.Text } t ? t.Text : null;
    }
}
