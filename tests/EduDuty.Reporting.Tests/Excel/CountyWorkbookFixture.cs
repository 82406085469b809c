using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Reporting.Excel;
using EduDuty.Testing;

namespace EduDuty.Reporting.Tests.Excel;

/// <summary>The golden county's workbook, as the portal would make it, and reading one back against SX-2021.</summary>
internal static class CountyWorkbookFixture
{
    public const string Preschool = "（十）学前教育普及普惠发展情况";
    public const string Party = "（一）全面加强党对教育工作的领导情况";

    public static byte[] Golden(IReadOnlyDictionary<string, FieldValue>? figures = null, IReadOnlyDictionary<string, FieldValue>? lastYear = null)
    {
        var result = RuleEngine.For(GoldenCase.Scheme).Evaluate(figures ?? GoldenCase.Figures);
        var versions = (figures ?? GoldenCase.Figures).Keys.ToDictionary(k => k, _ => 1, StringComparer.Ordinal);
        return CountyWorkbook.Write(new CountyWorkbookContent(result, "闻喜县", "140823", 2021, versions,
            lastYear ?? new Dictionary<string, FieldValue>(), new DateTime(2026, 11, 29, 7, 30, 0, DateTimeKind.Utc)));
    }

    public static CountyWorkbookRead Read(byte[] workbook, Scheme? scheme = null) =>
        CountyWorkbookReader.Read(new MemoryStream(workbook), _ => (scheme ?? GoldenCase.Scheme, []));

    /// <summary>The value cell (column E) of a field's row.</summary>
    public static string ValueCell(byte[] workbook, string sheet, string code) => $"E{XlsxEdit.RowOf(workbook, sheet, code)}";
}
