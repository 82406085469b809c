using EduDuty.Core.Schemes;

namespace EduDuty.Core.Figures;

/// <summary>What was typed (or imported) for one input field, before it is a value.</summary>
public sealed record FigureEntry(SchemeField Field, string? Raw)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Raw);

    /// <summary>The value, once <see cref="FigureEntryValidator"/> has accepted the entry; null for a blank entry.</summary>
    public FieldValue? ToValue()
    {
        if (IsBlank) return null;
        return Field.Kind switch
        {
            FieldKind.Number => FigureText.TryParseNumber(Raw, out var n) ? FieldValue.Of(n) : throw Invalid(),
            FieldKind.Bool => FieldValue.Of(FigureFlags.Parse(Raw) ?? throw Invalid()),
            _ => FieldValue.Of(Raw!.Trim()),
        };
    }

    private InvalidOperationException Invalid() => new($"Entry for {Field.Code} was not validated: “{Raw}”.");
}

public static class FigureFlags
{
    /// <summary>是/否 as the form posts it ("true"/"false") or as a person writes it.</summary>
    public static bool? Parse(string? raw) => raw?.Trim() switch
    {
        "true" or "是" or "True" => true,
        "false" or "否" or "False" => false,
        _ => null,
    };
}
