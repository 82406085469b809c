using EduDuty.Core.Schemes;
using EduDuty.Core.Text;

namespace EduDuty.Core.Reports;

/// <summary>One piece of evidence as the report lists it: its area (null: the evaluation as a whole), title, 文号 and date.</summary>
public sealed record EvidenceEntry(string? AreaKey, string Title, string? DocumentNumber, DateOnly? Date);

/// <summary>The pieces of one area (or of the whole evaluation) in the report's 佐证材料目录.</summary>
public sealed record EvidenceSection(string Title, IReadOnlyList<EvidenceEntry> Entries)
{
    /// <summary>The table's rows: number, title, 文号, date.</summary>
    public IEnumerable<IReadOnlyList<string>> Rows => Entries.Select((e, i) => (IReadOnlyList<string>)
    [
        (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), e.Title, e.DocumentNumber ?? "—", e.Date is { } d ? ChinaTime.Date(d) : "—",
    ]);
}

/// <summary>The report's list of evidence (佐证材料目录): the whole evaluation's pieces first, then area by area in scheme order.</summary>
public static class EvidenceCatalog
{
    public const string Title = "佐证材料目录";

    public static readonly IReadOnlyList<string> Headers = ["序号", "材料名称", "文号", "成文日期"];

    public static IReadOnlyList<EvidenceSection> Of(Scheme scheme, IReadOnlyList<EvidenceEntry> entries)
    {
        var sections = new List<EvidenceSection>();
        var whole = entries.Where(e => e.AreaKey is null).ToList();
        if (whole.Count > 0) sections.Add(new EvidenceSection("评价整体", whole));
        foreach (var area in scheme.Areas)
        {
            var inArea = entries.Where(e => e.AreaKey == area.Key).ToList();
            if (inArea.Count > 0) sections.Add(new EvidenceSection(area.Heading, inArea));
        }

        return sections;
    }
}
