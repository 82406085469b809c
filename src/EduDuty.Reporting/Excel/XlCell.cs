namespace EduDuty.Reporting.Excel;

/// <summary>One cell to write: a text, a number or nothing, and its look.</summary>
public readonly record struct XlCell(object? Value, CellStyle Style = CellStyle.Default)
{
    public static XlCell Text(string? text, CellStyle style = CellStyle.Default) => new(string.IsNullOrEmpty(text) ? null : text, style);

    public static XlCell Number(decimal? number, CellStyle style = CellStyle.Default) => new(number, style);

    public static readonly XlCell Empty = new(null);
}

/// <summary>How a sheet is laid out: column widths (in characters), frozen panes, protection, filter, print setup.</summary>
public sealed record SheetSpec(string Name, IReadOnlyList<double> Widths)
{
    public int FrozenRows { get; init; }

    public int FrozenColumns { get; init; }

    /// <summary>Only unlocked cells (<see cref="CellStyle.Input"/>) can be changed; columns may still be resized and filtered.</summary>
    public bool Protected { get; init; }

    /// <summary>The row that carries the autofilter buttons, over every column, down to the last row written.</summary>
    public int? FilterRow { get; init; }

    /// <summary>Rows 1…n print at the top of every page.</summary>
    public int? PrintTitleRows { get; init; }

    public bool Landscape { get; init; }

    /// <summary>1-based columns hidden from view (kept for the reader).</summary>
    public IReadOnlyList<int> HiddenColumns { get; init; } = [];

    /// <summary>How many comments the sheet may carry at most: reserves drawing shape ids for them.</summary>
    public int CommentCapacity { get; init; }
}

public enum ValidationKind { List, Whole, Decimal, TextLength }

/// <summary>A data validation: what a cell accepts and the message Excel shows when something else is typed.</summary>
public sealed record CellValidation(ValidationKind Kind, string Prompt, string Error, decimal Min = 0, decimal Max = 0, string? Items = null);
