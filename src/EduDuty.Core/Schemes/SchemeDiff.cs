namespace EduDuty.Core.Schemes;

/// <summary>One difference between two versions of a scheme, in words an admin reads.</summary>
public sealed record SchemeChange(string Kind, string Location, string Description);

/// <summary>What changed from one scheme version to another: the record, fields added or removed, thresholds, formulas, names, texts.</summary>
public static class SchemeDiff
{
    public static IReadOnlyList<SchemeChange> Compare(Scheme before, Scheme after)
    {
        var changes = new List<SchemeChange>();
        void Record(string what, string? a, string? b)
        {
            if (a != b) changes.Add(new("方案信息", what, $"“{a}” → “{b}”"));
        }

        Record("名称", before.Info.Title, after.Info.Title);
        Record("文号", before.Info.DocumentNumber, after.Info.DocumentNumber);
        Record("年度", before.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), after.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The report's length limit (issue 25): a change an admin saves like any other, never "unchanged".
        if (before.ReportMaxLength != after.ReportMaxLength)
        {
            static string Limit(int? limit) => limit is { } n ? $"{Reports.ReportLength.Format(n)} 字" : "不设上限";
            changes.Add(new("方案信息", "报告正文字数上限", $"{Limit(before.ReportMaxLength)} → {Limit(after.ReportMaxLength)}"));
        }

        // Plausibility rules (issue 26): each rule added or removed, in the file's words.
        static string Describe(PlausibilityRule r) =>
            $"{PlausibilityRule.KindName(r.Kind)} {string.Join(" + ", r.Parts.DefaultIfEmpty(r.Field))}{(r.Kind == PlausibilityKind.Part ? " ≤ " + r.Field : "")}{(r.Previous is { } p ? " / " + p : "")}" +
            $"{(r.Kind is PlausibilityKind.Growth or PlausibilityKind.Change ? $" ±{r.Range:0.##}%" : "")}（{(r.Severity == PlausibilitySeverity.Hard ? "拒绝保存" : "提示")}）";
        var rulesBefore = before.Plausibility.Select(Describe).ToList();
        var rulesAfter = after.Plausibility.Select(Describe).ToList();
        foreach (var rule in rulesAfter.Except(rulesBefore)) changes.Add(new("合理性规则", "plausibility", "新增 " + rule));
        foreach (var rule in rulesBefore.Except(rulesAfter)) changes.Add(new("合理性规则", "plausibility", "删除 " + rule));

        foreach (var field in after.Fields.Where(f => before.FindField(f.Code) is null)) changes.Add(new("新增字段", field.Code, field.NameZh));
        foreach (var field in before.Fields.Where(f => after.FindField(f.Code) is null)) changes.Add(new("删除字段", field.Code, field.NameZh));
        foreach (var field in after.Fields)
        {
            if (before.FindField(field.Code) is not { } old) continue;
            if (old.Threshold?.ToString() != field.Threshold?.ToString())
                changes.Add(new("阈值", field.Code, $"{field.NameZh}：{old.Threshold?.ToString() ?? "无"} → {field.Threshold?.ToString() ?? "无"}"));
            if (old.Formula?.Text != field.Formula?.Text) changes.Add(new("公式", field.Code, $"{old.Formula?.Text ?? "无"} → {field.Formula?.Text ?? "无"}"));
            if (old.NameZh != field.NameZh) changes.Add(new("名称", field.Code, $"{old.NameZh} → {field.NameZh}"));
            if (old.Kind != field.Kind || old.Precision != field.Precision || old.Unit != field.Unit)
                changes.Add(new("类型或单位", field.Code, $"{old.Kind}/{old.Unit}/{old.Precision} → {field.Kind}/{field.Unit}/{field.Precision}"));
            if (old.Problem != field.Problem) changes.Add(new("问题模板", field.Code, field.Problem?.Heading ?? "已删除"));
            if (old.Department != field.Department) changes.Add(new("填报部门", field.Code, $"{field.NameZh}：{old.Department ?? "教育局"} → {field.Department ?? "教育局"}"));
            if (old.CarryFrom != field.CarryFrom) changes.Add(new("上年来源", field.Code, $"{field.NameZh}：{old.CarryFrom ?? "无"} → {field.CarryFrom ?? "无"}"));
        }

        foreach (var area in after.Areas)
        {
            if (before.FindArea(area.Key) is not { } old) changes.Add(new("新增领域", area.Key, area.NameZh));
            else
            {
                if (old.NameZh != area.NameZh) changes.Add(new("领域名称", area.Key, $"{old.NameZh} → {area.NameZh}"));
                if (!old.DefaultTexts.SequenceEqual(area.DefaultTexts)) changes.Add(new("默认文字", area.Key, area.NameZh));
            }
        }

        foreach (var area in before.Areas.Where(a => after.FindArea(a.Key) is null)) changes.Add(new("删除领域", area.Key, area.NameZh));
        return changes;
    }
}
