using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EduDuty.Core.Formulas;
using EduDuty.Core.Text;
using EduDuty.Core.Texts;

namespace EduDuty.Core.Schemes;

/// <summary>
/// Reads a scheme file and checks it completely before anything may use it: structure, codes, kinds,
/// formulas (syntax, references, cycles), thresholds and precisions. Every problem is reported with
/// the field code or area key it concerns; a scheme with any problem is never returned.
/// </summary>
public static partial class SchemeLoader
{
    private const int MaxPrecision = 6;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    public static Scheme Load(Stream json)
    {
        var result = TryLoad(json);
        return result.Scheme ?? throw new SchemeValidationException(result.Errors);
    }

    public static Scheme Load(string json)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        return Load(stream);
    }

    public static SchemeLoadResult TryLoad(Stream json)
    {
        string text;
        try
        {
            using var reader = new StreamReader(json, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
            text = reader.ReadToEnd();
        }
        catch (System.Text.DecoderFallbackException)
        {
            return SchemeLoadResult.Failed(new SchemeError("文件", "文件不是 UTF-8 编码的文本"));
        }

        // Syntax, depth and unreadable strings first, with the line or path; then the shape, with the path of a wrong type.
        var (document, problem) = JsonInput.Parse(text);
        if (document is null) return SchemeLoadResult.Failed(new SchemeError("文件", problem!));
        document.Dispose();

        SchemeDocument? scheme;
        try
        {
            scheme = JsonSerializer.Deserialize<SchemeDocument>(text, JsonOptions);
        }
        catch (JsonException ex)
        {
            return SchemeLoadResult.Failed(new SchemeError("文件", JsonInput.Describe(ex)));
        }

        if (scheme is null) return SchemeLoadResult.Failed(new SchemeError("文件", "文件为空"));
        return new Builder().Build(scheme);
    }

    [GeneratedRegex(@"^(B00|A\d{2})(\.[0-9A-Za-z]+)+$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^(B00|A\d{2})_[A-Z_]+$")]
    private static partial Regex AreaKeyPattern();

    private sealed class Builder
    {
        private readonly List<SchemeError> _errors = [];

        public SchemeLoadResult Build(SchemeDocument doc)
        {
            var info = BuildInfo(doc);
            var areas = BuildAreas(doc.Areas);
            var fields = areas.SelectMany(a => a.Fields).ToList();
            CheckFormulas(fields);
            var scoring = BuildScoring(doc.Scoring, fields, areas.Select(a => a.Key).ToHashSet(StringComparer.Ordinal));
            var maxLength = BuildMaxLength(doc.Report);
            var declared = (doc.Areas ?? []).SelectMany(a => a?.Fields ?? []).Select(f => f?.Code?.Trim()).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var plausibility = BuildPlausibility(doc.Plausibility, fields, declared);
            if (_errors.Count > 0 || info is null) return new SchemeLoadResult(null, _errors);
            var scheme = new Scheme(info, BuildReport(doc.Report), areas) { Scoring = scoring, ReportMaxLength = maxLength, Plausibility = plausibility };
            CheckTexts(scheme);
            return _errors.Count > 0 ? new SchemeLoadResult(null, _errors) : new SchemeLoadResult(scheme, []);
        }

        private SchemeInfo? BuildInfo(SchemeDocument doc)
        {
            var code = Required(doc.Code, "方案", "code（方案代码）");
            var title = Required(doc.Title, "方案", "title（方案名称）");
            var number = Required(doc.DocumentNumber, "方案", "documentNumber（文号）");
            if (doc.Year is not (>= 2000 and <= 2100)) Error("方案", "year（年度）缺失或不在 2000–2100 之间");
            if (doc.Version is not (>= 1)) Error("方案", "version（版本号）缺失或小于 1");
            if (doc.KeyContentCount is { } n && n < 1) Error("方案", "keyContentCount（重点内容项数）必须大于 0");
            if (code is null || title is null || number is null || doc.Year is null || doc.Version is null) return null;

            return new SchemeInfo(
                code, doc.Version.Value, doc.Year.Value, doc.Province ?? string.Empty, title, number,
                doc.Issuer ?? string.Empty, doc.RulesTitle ?? string.Empty,
                doc.KeyContentCount ?? (doc.Areas?.Count(a => a?.Number is > 0) ?? 0));
        }

        private List<SchemeArea> BuildAreas(List<AreaDocument?>? documents)
        {
            var areas = new List<SchemeArea>();
            if (documents is null || documents.Count == 0)
            {
                Error("方案", "areas（评价领域）缺失或为空");
                return areas;
            }

            var keys = new HashSet<string>(StringComparer.Ordinal);
            var numbers = new HashSet<int>();
            var codes = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < documents.Count; i++)
            {
                var doc = documents[i];
                var where = doc?.Key is { Length: > 0 } k ? k : $"第 {i + 1} 个领域";
                if (doc is null)
                {
                    Error(where, "领域为空");
                    continue;
                }

                var key = Required(doc.Key, where, "key（领域代码）");
                var zh = Required(doc.Zh, where, "zh（中文名称）");
                if (key is not null && !AreaKeyPattern().IsMatch(key)) Error(where, "领域代码格式应为 A01_NAME 或 B00_NAME");
                if (key is not null && !keys.Add(key)) Error(where, "领域代码重复");
                if (doc.Number is not { } number || number < 0) Error(where, "number（序号）缺失或为负数");
                else if (!numbers.Add(number)) Error(where, $"序号 {number} 重复");

                var fields = BuildFields(key, doc.Fields, codes);
                if (key is not null && zh is not null && doc.Number is { } n)
                {
                    var texts = (doc.DefaultTexts ?? []).Select(t => t ?? string.Empty).ToList();
                    areas.Add(new SchemeArea(key, n, zh, doc.En ?? string.Empty, texts, fields));
                }
            }

            return areas.OrderBy(a => a.Number).ToList();
        }

        private List<SchemeField> BuildFields(string? areaKey, List<FieldDocument?>? documents, HashSet<string> codes)
        {
            var fields = new List<SchemeField>();
            if (documents is null || documents.Count == 0)
            {
                Error(areaKey ?? "领域", "fields（字段）缺失或为空");
                return fields;
            }

            foreach (var doc in documents)
            {
                if (doc is null)
                {
                    Error(areaKey ?? "领域", "字段为空");
                    continue;
                }

                var field = BuildField(areaKey, doc, codes);
                if (field is not null) fields.Add(field);
            }

            return fields;
        }

        private SchemeField? BuildField(string? areaKey, FieldDocument doc, HashSet<string> codes)
        {
            var code = doc.Code?.Trim();
            if (string.IsNullOrEmpty(code))
            {
                Error(areaKey ?? "领域", $"有字段缺少 code（字段代码）{(doc.Zh is null ? string.Empty : "：" + doc.Zh)}");
                return null;
            }

            var before = _errors.Count;
            if (!CodePattern().IsMatch(code)) Error(code, "字段代码格式无效，应如 A10.03 或 A04.01.cutoff");
            else if (areaKey is not null && !areaKey.StartsWith(code[..3], StringComparison.Ordinal))
                Error(code, $"字段代码前缀与所属领域 {areaKey} 不一致");
            if (!codes.Add(code)) Error(code, "字段代码重复");

            var zh = Required(doc.Zh, code, "zh（中文名称）");
            var kind = ParseKind(doc.Kind, code);
            Formula? formula = null;
            if (kind is FieldKind.Derived or FieldKind.DerivedBool)
            {
                if (string.IsNullOrWhiteSpace(doc.Formula)) Error(code, "计算字段必须有 formula（公式）");
                else formula = ParseFormula(code, doc.Formula, kind.Value);
            }
            else if (kind is not null && !string.IsNullOrWhiteSpace(doc.Formula))
            {
                Error(code, "只有计算字段（derived、derived_bool）可以有公式");
            }

            var threshold = kind is null ? null : ParseThreshold(code, kind.Value, doc.Threshold);
            CheckPrecision(code, kind, doc.Precision);

            var problem = ParseProblem(code, doc.Threshold is not null, doc.Problem);
            var measure = ParseMeasure(code, kind, doc.Measure);
            var check = ParseCheck(code, kind, threshold, doc.Check);
            if (check && problem is not null) Error(code, "校验字段（check）只是提示，不能有问题模板（problem）");
            var help = HelpText(code, "help（口径说明）", doc.Help);
            var dataSource = HelpText(code, "dataSource（数据来源）", doc.DataSource);
            if (_errors.Count > before || kind is null || zh is null) return null;
            var carryFrom = ParseCarryFrom(code, kind.Value, doc.CarryFrom); // reported, but the field stays: nothing else depends on it
            var department = ParseDepartment(code, kind.Value, doc.Department); // likewise
            var points = ParsePoints(code, threshold, check, doc.Points);
            return new SchemeField(code, areaKey!, kind.Value, zh, doc.En ?? string.Empty,
                string.IsNullOrWhiteSpace(doc.Unit) ? null : doc.Unit, formula, threshold, doc.Precision, doc.Source, problem, measure, check)
            {
                Help = help,
                DataSource = dataSource,
                CarryFrom = carryFrom,
                Department = department,
                Points = points,
            };
        }

        // An indicator's points: only a judged indicator earns any; the deduction must fit its target (docs/scoring-format.md).
        private Scoring.PointsRule? ParsePoints(string code, Threshold? threshold, bool check, PointsDocument? doc)
        {
            if (doc is null) return null;
            if (threshold is null || check)
            {
                Error(code, "只有有目标值（threshold）的评价指标可以设置 points（分值）");
                return null;
            }

            if (doc.Full is not (> 0 and <= 1000)) Error(code, "points.full（满分）必须是 0 到 1000 之间的正数");
            var kind = doc.Deduct switch
            {
                null or "fixed" => Scoring.DeductionKind.Fixed,
                "perUnit" => Scoring.DeductionKind.PerUnit,
                "proportional" => Scoring.DeductionKind.Proportional,
                _ => (Scoring.DeductionKind?)null,
            };
            if (kind is null) Error(code, $"points.deduct（扣分方式）“{doc.Deduct}”无效，应为 fixed、perUnit 或 proportional");
            if (kind is not Scoring.DeductionKind.Fixed and not null && threshold.Number is null)
                Error(code, "是/否指标只能按 fixed（固定扣分）扣分");
            if (kind == Scoring.DeductionKind.PerUnit && (doc.Amount is not > 0 || doc.Unit is not > 0))
                Error(code, "perUnit（按差距扣分）需要正数的 amount（每单位扣分）和 unit（单位差距）");
            if (kind == Scoring.DeductionKind.Fixed && doc.Amount is { } amount && amount <= 0) Error(code, "points.amount（扣分）必须是正数");
            if (doc.Full is not { } full || kind is null) return null;
            return new Scoring.PointsRule(full, kind.Value, doc.Amount ?? full, doc.Unit ?? 1);
        }

        // The scheme's scoring part: grades that cover every total, bonus items and vetoes on yes/no fields, named by code.
        private Scoring.ScoringRules? BuildScoring(ScoringDocument? doc, List<SchemeField> fields, IReadOnlySet<string> areaKeys)
        {
            const string at = "scoring（计分）";
            if (doc is null)
            {
                foreach (var field in fields.Where(f => f.Points is not null)) Error(field.Code, "设置了 points（分值），但方案没有 scoring（计分规则）");
                return null;
            }

            if (!fields.Any(f => f.Points is not null)) Error(at, "没有任何指标设置 points（分值）");
            var precision = doc.Precision ?? 1;
            if (precision is < 0 or > 2) Error(at, "precision（分数小数位）应为 0、1 或 2");
            var grades = new List<Scoring.GradeBand>();
            foreach (var g in doc.Grades ?? [])
            {
                if (g?.Name is not { Length: > 0 } name || g.Min is not { } min || min < 0) { Error(at, "grades（等次）的每一项需要 name（名称）和不小于 0 的 min（最低分）"); continue; }
                if (grades.Any(x => x.Name == name || x.Min == min)) Error(at, $"等次“{name}”的名称或最低分与其他等次重复");
                grades.Add(new Scoring.GradeBand(name, min));
            }

            if (grades.Count == 0) Error(at, "grades（等次）至少需要一项");
            else if (grades.All(g => g.Min != 0)) Error(at, "grades（等次）需要一项 min 为 0 的最低等次，使任何得分都有等次");
            var bonus = new List<Scoring.BonusItem>();
            foreach (var b in doc.Bonus ?? [])
            {
                if (b?.Code is not { Length: > 0 } code || b.Name is not { Length: > 0 } name || b.Points is not > 0) { Error(at, "bonus（加分项）的每一项需要 code、name 和正数 points"); continue; }
                if (bonus.Any(x => x.Code == code)) Error(code, "加分项代码重复");
                // A bonus item's code names its proof among the evidence, beside field codes and area keys: it must be neither.
                if (fields.Any(f => f.Code == code) || areaKeys.Contains(code)) Error(code, "加分项代码与指标代码或领域代码相同，请换一个代码（例如 J01）");
                bonus.Add(new Scoring.BonusItem(code, name, b.Points.Value));
            }

            if (doc.BonusCap is { } cap && cap <= 0) Error(at, "bonusCap（加分上限）必须是正数");
            var vetoes = new List<Scoring.VetoItem>();
            var byCode = fields.ToDictionary(f => f.Code, StringComparer.Ordinal);
            foreach (var v in doc.Vetoes ?? [])
            {
                if (v?.Code is not { Length: > 0 } code || v.Name is not { Length: > 0 } name || v.Field is not { Length: > 0 } field || v.When is not { } when || v.Grade is not { Length: > 0 } grade)
                {
                    Error(at, "vetoes（否决项）的每一项需要 code、name、field（是/否字段）、when（触发值）和 grade（最高等次）");
                    continue;
                }

                if (!byCode.TryGetValue(field, out var target) || !target.Kind.IsBoolean()) Error(code, $"否决项的字段 {field} 不存在或不是是/否字段");
                if (grades.All(g => g.Name != grade)) Error(code, $"否决项的最高等次“{grade}”不在 grades 中");
                if (vetoes.Any(x => x.Code == code)) Error(code, "否决项代码重复");
                vetoes.Add(new Scoring.VetoItem(code, name, field, when, grade));
            }

            return new Scoring.ScoringRules(precision, grades, bonus, doc.BonusCap, vetoes);
        }

        // The plausibility rules (docs/scheme-format.md): every code must name a numeric field of this scheme, so that a rule
        // over a mistyped or removed code is refused here rather than never firing.
        // A code of a field that is declared but refused for its own faults is not reported again here.
        private List<PlausibilityRule> BuildPlausibility(PlausibilityDocument? doc, List<SchemeField> fields, IReadOnlySet<string> declared)
        {
            const string at = "plausibility（合理性规则）";
            var rules = new List<PlausibilityRule>();
            if (doc is null) return rules;
            var growthRange = Range(doc.GrowthRange, at, "growthRange（增长率范围）");
            var changeRange = Range(doc.ChangeRange, at, "changeRange（与上年相差范围）");
            var byCode = fields.ToDictionary(f => f.Code, StringComparer.Ordinal);
            var list = doc.Rules ?? [];
            if (list.Count == 0) Error(at, "rules（规则）缺失或为空；不设规则时请删去 plausibility");
            if (list.Count > PlausibilityRule.MaxRules)
            {
                // Checked before any rule: a file of 100,000 rules gets one message, not one per rule.
                Error(at, $"共 {list.Count} 条规则，最多 {PlausibilityRule.MaxRules} 条规则：请删去重复或不需要的规则");
                return rules;
            }

            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < list.Count; i++)
            {
                var where = $"{at} 第 {i + 1} 条规则";
                if (list[i] is not { } r)
                {
                    Error(where, "规则为空");
                    continue;
                }

                PlausibilityKind? kind = r.Kind switch
                {
                    "share" => PlausibilityKind.Share,
                    "part" => PlausibilityKind.Part,
                    "nonNegative" => PlausibilityKind.NonNegative,
                    "growth" => PlausibilityKind.Growth,
                    "change" => PlausibilityKind.Change,
                    _ => null,
                };
                if (kind is not { } k)
                {
                    Error(where, $"kind（规则类型）“{r.Kind}”无效，应为 share（比例不超过100%）、part（部分不多于总数）、nonNegative（不为负数）、growth（增长率范围）或 change（与上年相差范围）");
                    continue;
                }

                where = $"{where}（{PlausibilityRule.KindName(k)}）";
                PlausibilitySeverity? severity = r.Severity switch
                {
                    null => PlausibilityRule.DefaultSeverity(k),
                    "hard" => PlausibilitySeverity.Hard,
                    "soft" => PlausibilitySeverity.Soft,
                    _ => null,
                };
                if (severity is null) Error(where, $"severity（级别）“{r.Severity}”无效，应为 hard（拒绝保存）或 soft（提示）");

                var field = k == PlausibilityKind.Part ? r.Total : r.Field;
                var fieldName = k == PlausibilityKind.Part ? "total（总数）" : "field（字段）";
                var ok = Code(field, fieldName, where, byCode, declared);
                var parts = new List<string>();
                if (k == PlausibilityKind.Part)
                {
                    if (r.Field is not null) Error(where, "part 规则用 parts（部分）和 total（总数），不用 field");
                    if (r.Parts is not { Count: > 0 }) { Error(where, "缺少 parts（部分字段代码的列表），例如 [\"A10.09.2\"]"); ok = false; }
                    else if (r.Parts.Count > PlausibilityRule.MaxParts)
                    {
                        Error(where, $"parts（部分）最多 {PlausibilityRule.MaxParts} 个，这里有 {r.Parts.Count} 个：请拆成几条规则");
                        ok = false;
                    }

                    foreach (var part in r.Parts is { Count: <= PlausibilityRule.MaxParts } ? r.Parts : [])
                    {
                        if (!Code(part, "parts（部分）", where, byCode, declared)) ok = false;
                        else if (part!.Trim() == field?.Trim()) { Error(where, $"部分 {part} 与总数相同"); ok = false; }
                        // Listed twice, a part would count twice and refuse figures that hold (6 of 10 read as 12).
                        else if (parts.Contains(part.Trim(), StringComparer.Ordinal)) { Error(where, $"部分 {part.Trim()} 重复：每个部分只列一次"); ok = false; }
                        else parts.Add(part.Trim());
                    }
                }
                else if (r.Parts is not null || r.Total is not null)
                {
                    Error(where, "只有 part 规则可以设置 parts 和 total");
                }

                if (k == PlausibilityKind.Change) ok &= Code(r.Previous, "previous（上年字段）", where, byCode, declared);
                else if (r.Previous is not null) Error(where, "只有 change 规则可以设置 previous（上年字段）");

                decimal range = 0;
                if (k is PlausibilityKind.Growth or PlausibilityKind.Change)
                    range = Range(r.Range, where, "range（范围）") ?? (k == PlausibilityKind.Growth ? growthRange : changeRange) ?? PlausibilityRule.DefaultRange;
                else if (r.Range is not null) Error(where, "只有 growth 和 change 规则可以设置 range（范围）");

                if (!ok || severity is not { } s) continue;
                // The same check twice (whatever its severity or range) would list each finding twice and ask to confirm it twice.
                var identity = $"{PlausibilityRule.KindName(k)}|{field!.Trim()}|{string.Join(",", parts.Order(StringComparer.Ordinal))}|{r.Previous?.Trim()}";
                if (seen.TryGetValue(identity, out var first)) { Error(where, $"与第 {first} 条规则重复：同一检查只写一条"); continue; }
                seen[identity] = i + 1;
                rules.Add(new PlausibilityRule(k, s, field.Trim(), parts, r.Previous?.Trim(), range));
            }

            return rules;
        }

        private bool Code(string? code, string what, string where, Dictionary<string, SchemeField> byCode, IReadOnlySet<string> declared)
        {
            if (string.IsNullOrWhiteSpace(code))
            {
                Error(where, $"缺少 {what}");
                return false;
            }

            if (!byCode.TryGetValue(code.Trim(), out var field))
            {
                if (declared.Contains(code.Trim())) return false;
                Error(where, $"{what}的字段代码 {code} 在方案中不存在：请核对代码（例如 A01.08）");
                return false;
            }

            if (!field.Kind.IsNumeric())
            {
                Error(where, $"{what} {code} {field.NameZh} 不是数值字段，合理性规则只能用于数值");
                return false;
            }

            return true;
        }

        private decimal? Range(decimal? range, string where, string what)
        {
            if (range is null) return null;
            if (range is > 0 and <= 100000) return range;
            Error(where, $"{what}应为大于 0、不超过 100000 的百分数（例如 50 表示 ±50%）");
            return null;
        }

        // Which of last year's fields feeds this one: only an entered field can be prefilled, and the code must be a field code
        // (whether last year's scheme has it is checked when a year is opened: CarryForward.Mappings).
        private string? ParseCarryFrom(string code, FieldKind kind, string? carryFrom)
        {
            if (carryFrom is null) return null;
            var source = carryFrom.Trim();
            if (!kind.IsInput()) Error(code, "只有填报字段（number、bool、text）可以设置 carryFrom（上年来源）");
            else if (!CodePattern().IsMatch(source)) Error(code, $"carryFrom（上年来源）“{carryFrom}”不是有效的字段代码，应如 A04.01");
            return source;
        }

        // The office that usually supplies an entered figure: a short name on one line (a county's department of that name gets
        // the field by default); 教育局 is the default already and is not written.
        private string? ParseDepartment(string code, FieldKind kind, string? department)
        {
            if (department is null) return null;
            var name = department.Trim();
            if (!kind.IsInput()) Error(code, "只有填报字段（number、bool、text）可以设置 department（填报部门）");
            else if (name.Length == 0 || name.Length > Departments.DepartmentNames.MaxLength || !Text.PlainText.IsSingleLine(name))
                Error(code, $"department（填报部门）应为 1 到 {Departments.DepartmentNames.MaxLength} 个字符的部门名称，例如“财政局”");
            else if (name == Departments.DepartmentNames.Education)
                Error(code, $"department（填报部门）不必写“{Departments.DepartmentNames.Education}”：未写部门的字段默认由教育局填报");
            else return name;
            return null;
        }

        /// <summary>An optional help text: one paragraph of plain text, at most <see cref="SchemeField.MaxHelpLength"/> characters.</summary>
        private string? HelpText(string code, string what, string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (text.Length > SchemeField.MaxHelpLength) Error(code, $"{what}最多 {SchemeField.MaxHelpLength} 个字符");
            else if (!Text.PlainText.IsSingleLine(text)) Error(code, $"{what}只能是一段文字，不能含有换行或控制字符");
            return text.Trim();
        }

        private FieldMeasure ParseMeasure(string code, FieldKind? kind, string? measure)
        {
            if (measure is null) return FieldMeasure.Plain;
            if (kind is not FieldKind.Number)
            {
                Error(code, "只有填报的数值字段（number）可以设置 measure（计量类型）");
                return FieldMeasure.Plain;
            }

            switch (measure)
            {
                case "count": return FieldMeasure.Count;
                case "money": return FieldMeasure.Money;
                case "percent": return FieldMeasure.Percent;
                case "plain": return FieldMeasure.Plain;
                default:
                    Error(code, $"measure（计量类型）“{measure}” 无效，应为 count（整数计数）、money（金额）、percent（百分比）或 plain");
                    return FieldMeasure.Plain;
            }
        }

        private bool ParseCheck(string code, FieldKind? kind, Threshold? threshold, bool? check)
        {
            if (check is not true) return false;
            if (kind is not FieldKind.DerivedBool) Error(code, "只有计算得出的是/否字段（derived_bool）可以是校验字段（check）");
            else if (threshold?.Flag is not true) Error(code, "校验字段（check）的阈值必须是 = true：校验成立时通过");
            return true;
        }

        private FieldKind? ParseKind(string? kind, string code)
        {
            switch (kind)
            {
                case "number": return FieldKind.Number;
                case "bool": return FieldKind.Bool;
                case "text": return FieldKind.Text;
                case "derived": return FieldKind.Derived;
                case "derived_bool": return FieldKind.DerivedBool;
                default:
                    Error(code, $"kind（类型）“{kind}” 无效，应为 number、bool、text、derived 或 derived_bool");
                    return null;
            }
        }

        private Formula? ParseFormula(string code, string text, FieldKind kind)
        {
            Formula formula;
            try
            {
                formula = FormulaParser.Parse(text);
            }
            catch (FormulaSyntaxException ex)
            {
                Error(code, "公式语法错误：" + ex.Message);
                return null;
            }

            if (kind == FieldKind.Derived && formula.YieldsBool)
                Error(code, "derived 字段的公式必须得出数值，不能使用 == 或 all_pass");
            if (kind == FieldKind.DerivedBool && !formula.YieldsBool)
                Error(code, "derived_bool 字段的公式必须是比较（==）或 all_pass(…)");
            return formula;
        }

        private Threshold? ParseThreshold(string code, FieldKind kind, ThresholdDocument? doc)
        {
            if (doc is null) return null;
            if (kind == FieldKind.Text)
            {
                Error(code, "文本字段不能设置阈值");
                return null;
            }

            if (!Threshold.TryParseOp(doc.Op, out var op))
            {
                Error(code, $"阈值运算符 “{doc.Op}” 无效，应为 >=、<=、=、> 或 <");
                return null;
            }

            if (kind.IsBoolean())
            {
                if (doc.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    Error(code, "是/否字段的阈值必须是 true 或 false");
                    return null;
                }

                if (op != ComparisonOp.EqualTo)
                {
                    Error(code, "是/否字段的阈值运算符只能是 =");
                    return null;
                }

                return Threshold.ForFlag(doc.Value.GetBoolean());
            }

            if (doc.Value.ValueKind != JsonValueKind.Number || !doc.Value.TryGetDecimal(out var number))
            {
                Error(code, $"数值字段的阈值必须是数字，而不是 {Describe(doc.Value)}");
                return null;
            }

            return Threshold.ForNumber(op, number);
        }

        private ProblemTemplate? ParseProblem(string code, bool hasThreshold, ProblemDocument? doc)
        {
            if (doc is null) return null;
            if (!hasThreshold) Error(code, "只有设置了阈值的指标才能有问题模板（problem）");
            if (string.IsNullOrWhiteSpace(doc.Heading)) Error(code, "问题模板缺少 heading（问题标题）");
            return new ProblemTemplate(doc.Heading ?? string.Empty, doc.Measures ?? string.Empty, string.IsNullOrWhiteSpace(doc.Group) ? null : doc.Group);
        }

        private void CheckPrecision(string code, FieldKind? kind, int? precision)
        {
            if (kind is null) return;
            if (kind.Value.IsNumeric())
            {
                if (precision is null) Error(code, "数值字段必须设置 precision（显示小数位数）");
                else if (precision is < 0 or > MaxPrecision) Error(code, $"precision（显示小数位数）应在 0–{MaxPrecision} 之间");
            }
            else if (precision is not null)
            {
                Error(code, "只有数值字段可以设置 precision（显示小数位数）");
            }
        }

        private static ReportDefaults BuildReport(ReportDefaultsDocument? doc) => doc is null
            ? ReportDefaults.Empty
            : new ReportDefaults(
                doc.Intro ?? string.Empty,
                doc.ProblemsLead ?? string.Empty,
                doc.PlansLead ?? string.Empty,
                (doc.Plans ?? []).Where(p => p is not null).Select(p => new PlanText(p!.Heading ?? string.Empty, p.Text ?? string.Empty)).ToList());

        /// <summary><c>report.maxLength</c>: absent or null for no limit, else a whole number of characters.</summary>
        private int? BuildMaxLength(ReportDefaultsDocument? doc)
        {
            if (doc is null || doc.MaxLength.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) return null;
            if (doc.MaxLength.ValueKind == JsonValueKind.Number && doc.MaxLength.TryGetInt32(out var limit) && limit is >= 1 and <= Reports.ReportLength.MaxLimit)
            {
                return limit;
            }

            Error("report", $"maxLength（报告正文字数上限）应为 1 到 {Reports.ReportLength.MaxLimit} 之间的整数（不加引号），例如 5000；不设上限时请删去这一项");
            return null;
        }

        private void CheckTexts(Scheme scheme)
        {
            foreach (var area in scheme.Areas)
            {
                foreach (var text in area.DefaultTexts) CheckText(scheme, area.Key, "默认文字", text);
            }

            foreach (var field in scheme.Fields.Where(f => f.Problem is not null))
            {
                CheckText(scheme, field.Code, "问题标题", field.Problem!.Heading);
                CheckText(scheme, field.Code, "改进措施", field.Problem.Measures);
            }

            var report = scheme.Report;
            CheckText(scheme, "report", "引言", report.IntroFor(scheme.Info));
            CheckText(scheme, "report", "问题引导语", report.ProblemsLead);
            CheckText(scheme, "report", "下一步引导语", report.PlansLead);
            foreach (var plan in report.Plans)
            {
                CheckText(scheme, "report", "下一步工作", plan.Heading);
                CheckText(scheme, "report", "下一步工作", plan.Text);
            }
        }

        private void CheckText(Scheme scheme, string location, string what, string text)
        {
            foreach (var error in TextTemplate.Parse(text, scheme).Errors) Error(location, $"{what}：{error}");
        }

        private void CheckFormulas(List<SchemeField> fields)
        {
            var byCode = fields.ToDictionary(f => f.Code, StringComparer.Ordinal);
            foreach (var field in fields.Where(f => f.Formula is not null))
            {
                CheckReferences(field, field.Formula!.Root, byCode);
            }

            foreach (var cycle in FindCycles(fields, byCode))
            {
                Error(cycle[0], "公式存在循环引用：" + string.Join(" → ", cycle));
            }
        }

        private void CheckReferences(SchemeField field, FormulaRoot root, Dictionary<string, SchemeField> byCode)
        {
            var allPass = root is AllPassRoot;
            foreach (var code in root.References().Distinct(StringComparer.Ordinal))
            {
                if (!byCode.TryGetValue(code, out var target)) Error(field.Code, $"公式引用了不存在的字段 {code}");
                else if (allPass && !target.IsJudged) Error(field.Code, $"all_pass 引用的字段 {code} 不是有阈值的评价指标");
                else if (!allPass && !target.Kind.IsNumeric()) Error(field.Code, $"公式在计算中引用了非数值字段 {code}");
            }
        }

        private static List<List<string>> FindCycles(List<SchemeField> fields, Dictionary<string, SchemeField> byCode)
        {
            // Depth-first search with colours; each cycle is reported once, from the field where it was closed.
            var state = new Dictionary<string, int>(StringComparer.Ordinal);
            var path = new List<string>();
            var cycles = new List<List<string>>();

            void Visit(string code)
            {
                state[code] = 1;
                path.Add(code);
                if (byCode.TryGetValue(code, out var field) && field.Formula is not null)
                {
                    foreach (var next in field.Formula.References.Where(byCode.ContainsKey))
                    {
                        var s = state.GetValueOrDefault(next);
                        if (s == 1) cycles.Add([.. path.Skip(path.IndexOf(next)), next]);
                        else if (s == 0) Visit(next);
                    }
                }

                path.RemoveAt(path.Count - 1);
                state[code] = 2;
            }

            foreach (var field in fields.Where(f => f.Formula is not null && !state.ContainsKey(f.Code)))
            {
                Visit(field.Code);
            }

            return cycles;
        }

        private string? Required(string? value, string location, string what)
        {
            if (!string.IsNullOrWhiteSpace(value)) return value.Trim();
            Error(location, $"缺少 {what}");
            return null;
        }

        private void Error(string location, string message) => _errors.Add(new SchemeError(location, message));

        private static string Describe(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => $"文本 “{value.GetString()}”",
            JsonValueKind.Undefined or JsonValueKind.Null => "空值",
            _ => value.GetRawText(),
        };
    }
}

public sealed record SchemeLoadResult(Scheme? Scheme, IReadOnlyList<SchemeError> Errors)
{
    public bool IsValid => Scheme is not null;

    internal static SchemeLoadResult Failed(SchemeError error) => new(null, [error]);
}
