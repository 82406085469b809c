using EduDuty.Core.Schemes;

namespace EduDuty.Core.Reports;

/// <summary>
/// Where an indicator's data comes from, as the report's appendix names it when the report setting 附录显示各指标的数据来源 is
/// on (issue 30): the scheme's <c>dataSource</c> of the entered fields it rests on (the indicator itself when entered, else
/// every entered field its formula reads, through computed ones) and the departments that enter them (教育局 for the county's
/// own officials).
/// </summary>
public static class DataSources
{
    public const string Heading = "数据来源：";

    // DepartmentNames.Education of the contract (issue 30), repeated until the foundation lands.
    private const string Education = "教育局";

    /// <summary>The report setting's label, as the report page shows it.</summary>
    public const string SettingLabel = "附录显示各指标的数据来源";

    /// <summary>
    /// "指标名：dataSource；dataSource（填报部门：财政局、教育局）": the distinct data sources of the entered fields in scheme order,
    /// "方案未注明" when none names one, and the departments in the order their fields come.
    /// </summary>
    public static string Line(Scheme scheme, SchemeField indicator, IReadOnlyDictionary<string, string> departments)
    {
        var inputs = Inputs(scheme, indicator);
        var sources = inputs.Select(f => f.DataSource?.Trim().TrimEnd('。', '.')).OfType<string>().Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var owners = inputs.Select(f => departments.GetValueOrDefault(f.Code) ?? Education).Distinct(StringComparer.Ordinal).ToList();
        var source = sources.Count == 0 ? "方案未注明" : string.Join("；", sources);
        return owners.Count == 0 ? $"{indicator.NameZh}：{source}。" : $"{indicator.NameZh}：{source}（填报部门：{string.Join("、", owners)}）。";
    }

    /// <summary>The entered fields an indicator rests on, in scheme order: itself when entered, else what its formula reads, through computed fields.</summary>
    public static IReadOnlyList<SchemeField> Inputs(Scheme scheme, SchemeField indicator)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Walk(SchemeField field)
        {
            if (!seen.Add(field.Code)) return;
            if (field.Kind.IsInput())
            {
                found.Add(field.Code);
                return;
            }

            foreach (var code in field.Formula?.References ?? [])
                if (scheme.FindField(code) is { } next) Walk(next);
        }

        Walk(indicator);
        return scheme.Fields.Where(f => found.Contains(f.Code)).ToList();
    }
}
