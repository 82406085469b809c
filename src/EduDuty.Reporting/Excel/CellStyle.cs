namespace EduDuty.Reporting.Excel;

/// <summary>The few looks a workbook of ours uses; <see cref="WorkbookStyles"/> defines each, in this order.</summary>
public enum CellStyle : uint
{
    Default = 0,
    Title,
    Header,
    Label,
    Wrapped,
    Code,
    Note,

    /// <summary>A grey line under a title, not wrapped.</summary>
    Subtitle,

    /// <summary>A cell the county fills in: unlocked on a protected sheet, pale yellow.</summary>
    Input,

    /// <summary>A text cell the county fills in: unlocked and wrapped.</summary>
    InputText,

    /// <summary>A value the rules computed: locked, grey-blue.</summary>
    Computed,

    /// <summary>A value that fails its target: red, with the reason as the cell's comment.</summary>
    Failing,

    /// <summary>A value not filled in (or not computable): grey.</summary>
    Unfilled,
}
