using EduDuty.Application.Excel;

namespace EduDuty.Web.Pages.Oversight;

/// <summary>The year-and-region form (_RegionYearPicker.cshtml) with the current choice selected.</summary>
public sealed record RegionYearPicker(string Id, string Action, CountiesExportOptions Options, string? Choice, string? Region);
