using System.Text;
using EduDuty.Core.Administration;
using EduDuty.Core.Figures;
using EduDuty.Core.Formulas;
using EduDuty.Core.Reports;
using EduDuty.Core.Schemes;
using EduDuty.Core.Texts;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EduDuty.Core.Tests.Fuzzing;

/// <summary>
/// Every reader of uploaded or typed input, fed random and adversarial text: nothing may escape but the reader's own
/// validation outcome (an error list, or <see cref="FormulaSyntaxException"/> for the formula parser), and each outcome must
/// mean what it says — what is read prints back to the same canonical text (or holds the values the rules allow), what is
/// refused says why in Chinese and names where. Counts of cases run are in each attribute; a failure prints the smallest
/// input FsCheck found.
/// </summary>
public sealed partial class ReaderFuzzTests
{
    private const int Cases = 1500;

    private static readonly Scheme Scheme = BuiltInSchemes.Get("SX-2021");
    private static readonly string SchemeJson = BuiltInSchemes.ReadJson("SX-2021");

    [Property(MaxTest = 500)]
    public Property Scheme_loader_reports_problems_of_any_mutated_scheme_file_and_never_throws() =>
        Prop.ForAll(Mutations(SchemeJson).ToArbitrary(), json =>
        {
            var result = SchemeLoader.TryLoad(new MemoryStream(Encoding.UTF8.GetBytes(json)));
            return (result.IsValid
                    ? result.Errors.Count == 0
                    : result.Errors.Count > 0 && result.Errors.All(e => e.Location.Length > 0 && HasChinese(e.Message)))
                .Label(string.Join("; ", result.Errors));
        });

    [Property(MaxTest = Cases)]
    public Property Scheme_loader_never_throws_on_json_like_noise() =>
        Prop.ForAll(JsonNoise.ToArbitrary(), json => !SchemeLoader.TryLoad(new MemoryStream(Encoding.UTF8.GetBytes(json))).IsValid);

    [Property(MaxTest = Cases)]
    public Property Formula_parser_reads_a_formula_that_prints_back_the_same_or_names_the_character_it_stopped_at() =>
        Prop.ForAll(Gen.OneOf(FormulaNoise, Formulas).ToArbitrary(), text =>
        {
            Formula formula;
            try
            {
                formula = FormulaParser.Parse(text);
            }
            catch (FormulaSyntaxException ex)
            {
                // Refused: a reason in Chinese, then the character it stopped at, which lies in the text (or just after it).
                var where = $"（第 {ex.Position + 1} 个字符处）";
                return (ex.Position >= 0 && ex.Position <= text.Length && ex.Message.EndsWith(where, StringComparison.Ordinal)
                    && HasChinese(ex.Message[..^where.Length])).Label($"refusal: {ex.Message} at {ex.Position}");
            }

            // Read: the tree printed canonically parses to the same tree, and it reads exactly the codes written in brackets.
            var canonical = Canonical(formula.Root);
            var reread = Canonical(FormulaParser.Parse(canonical).Root);
            return (reread == canonical && formula.Text == text && formula.References.SequenceEqual(BracketedCodes(text)))
                .Label($"canonical: {canonical} → {reread}; references: {string.Join(",", formula.References)}");
        });

    [Property(MaxTest = Cases)]
    public Property Figures_reader_reads_what_writes_back_the_same_or_names_every_problem() =>
        Prop.ForAll(Gen.OneOf(JsonNoise, FiguresNoise, FiguresFiles).ToArbitrary(), json =>
        {
            var result = FiguresFileReader.Read(json, Scheme);
            if (!result.IsValid)
            {
                return (result.Errors.Count > 0 && result.Errors.All(e => e.Location.Length > 0 && HasChinese(e.Message)))
                    .Label("refusal: " + string.Join("; ", result.Errors));
            }

            // Written out in the export format and read again: the same values, and the same text when written once more.
            var file = result.File!;
            var written = FiguresFile.Write(Scheme, file.County, file.Year, file.Values);
            var again = FiguresFileReader.Read(written, Scheme);
            return (result.Errors.Count == 0 && again.IsValid
                    && again.File!.Values.Count == file.Values.Count
                    && file.Values.All(p => again.File.Values.TryGetValue(p.Key, out var v) && v == p.Value)
                    && FiguresFile.Write(Scheme, again.File.County, again.File.Year, again.File.Values) == written)
                .Label("written: " + written);
        });

    [Property(MaxTest = Cases)]
    public Property Report_texts_reader_reports_and_never_throws() =>
        Prop.ForAll(Gen.OneOf(JsonNoise, TextsNoise).ToArbitrary(), json =>
        {
            var result = ReportTextsReader.Read(json, Scheme);
            return (result.IsValid ? result.Errors.Count == 0 : result.Errors.Count > 0 && result.Errors.All(HasChinese))
                .Label(string.Join("; ", result.Errors));
        });

    [Property(MaxTest = Cases)]
    public Property Text_templates_render_their_own_words_and_one_run_per_placeholder_or_name_each_problem() =>
        Prop.ForAll(TemplateNoise.ToArbitrary(), text =>
        {
            var parsed = TextTemplate.Parse(text, Scheme);
            if (!parsed.IsValid)
            {
                // Each problem names the brace it is about (its position holds that brace) or the placeholder as written.
                return (parsed.Errors.Count > 0 && parsed.Errors.All(e => NamesItsPlace(e, text)))
                    .Label("refusal: " + string.Join("; ", parsed.Errors));
            }

            // The author's words come out as typed (doubled braces as one brace), and every placeholder as one run of data
            // for a code the scheme has.
            var template = parsed.Template!;
            var runs = template.Render(GoldenLikeResult.Value).Runs;
            var words = string.Concat(runs.Where(r => r.Kind == Core.Texts.TextRunKind.Literal).Select(r => r.Text));
            var filled = runs.Where(r => r.Kind != Core.Texts.TextRunKind.Literal).ToList();
            return (words == TemplateWords(text) && filled.Count == Placeholder().Matches(text).Count(m => m.Value is not ("{{" or "}}"))
                    && filled.All(r => template.Codes.Contains(r.Code) && Scheme.FindField(r.Code!) is not null))
                .Label($"words: {words}; runs of data: {filled.Count}");
        });

    [Property(MaxTest = Cases)]
    public Property Csv_readers_accept_only_rows_that_meet_every_rule_and_name_the_row_of_each_problem() =>
        Prop.ForAll(Gen.OneOf(CsvNoise, UserFiles, RegionFiles).ToArbitrary(), text =>
        {
            var users = UserCsv.Read(text);
            var regions = RegionCsv.Read(text);
            var usersMean = users.IsValid
                ? users.Rows.Count > 0 && users.Rows.All(r => r.Line >= 2 && !UserCsv.Check(r.UserName, r.DisplayName, r.Role, r.RegionCode, r.Email, r.Department).Any())
                    && users.Rows.Select(r => r.UserName).Distinct(StringComparer.OrdinalIgnoreCase).Count() == users.Rows.Count
                : users.Errors.All(e => RowProblem().IsMatch(e) || e == "文件中没有用户");
            var regionsMean = regions.IsValid
                ? regions.Rows.Count > 0 && regions.Rows.All(IsWellFormedRegion)
                    && regions.Rows.Select(r => r.Code).Distinct(StringComparer.Ordinal).Count() == regions.Rows.Count
                : regions.Errors.All(e => RowProblem().IsMatch(e) || e == "文件中没有地区");
            return usersMean.Label("users: " + string.Join("; ", users.Errors)).And(regionsMean.Label("regions: " + string.Join("; ", regions.Errors)));
        });

    [Property(MaxTest = Cases)]
    public Property Figure_entries_accepted_hold_a_value_within_the_fields_rules_and_refused_ones_say_why() =>
        Prop.ForAll(Gen.OneOf(EntryNoise, EntryExamples, ArbMap.Default.GeneratorFor<string>()).ToArbitrary(), raw =>
        {
            var outcomes = EntryFields.Select(field =>
            {
                var entry = new FigureEntry(field, raw);
                var validation = Validator.Validate(entry);
                if (!validation.IsValid)
                {
                    return (validation.Errors.Count > 0 && validation.Errors.All(e => HasChinese(e.ErrorMessage)))
                        .Label($"{field.Code} refusal: {string.Join("; ", validation.Errors.Select(e => e.ErrorMessage))}");
                }

                return AcceptedEntryMeans(entry).Label($"{field.Code} accepted “{raw}” as {entry.ToValue()}");
            });
            return outcomes.Aggregate((a, b) => a.And(b));
        });

    // An accepted entry: blank means no value; a number is the one typed, within the field's range (whole for counts) and
    // printed back it reads as the same number; 是/否 is the one typed; a text is the one typed, trimmed.
    private static bool AcceptedEntryMeans(FigureEntry entry)
    {
        if (Core.Text.PlainText.HasControlCharacters(entry.Raw)) return false;
        var value = entry.ToValue();
        if (entry.IsBlank) return value is null;
        if (value is not { } v) return false;
        switch (entry.Field.Kind)
        {
            case FieldKind.Number:
                var range = EntryRange.Of(entry.Field);
                return v.Type == FieldValueType.Number
                    && FigureText.TryParseNumber(entry.Raw, out var typed) && typed == v.Number
                    && v.Number >= range.Min && v.Number <= range.Max && (!range.Whole || v.Number == decimal.Truncate(v.Number))
                    && FigureText.TryParseNumber(v.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), out var printed) && printed == v.Number;
            case FieldKind.Bool:
                return v.Type == FieldValueType.Flag && v.Flag == FigureFlags.Parse(entry.Raw);
            default:
                return v.Type == FieldValueType.Text && v.Text == entry.Raw!.Trim() && entry.Raw.Length <= FigureEntryValidator.MaxTextLength;
        }
    }

    private static bool IsWellFormedRegion(RegionRow row)
    {
        if (!Core.Regions.AdministrativeCode.IsWellFormed(row.Code) || row.Name.Length is < 1 or > 50 || !Core.Text.PlainText.IsSingleLine(row.Name)) return false;
        if (row.Level == Core.Regions.RegionLevel.Province) return row.ParentCode is null;
        return row.ParentCode is { } parent && Core.Regions.AdministrativeCode.IsWellFormed(parent)
            && Core.Regions.AdministrativeCode.LevelOf(parent) == row.Level - 1 && Core.Regions.AdministrativeCode.Extends(row.Code, parent);
    }

    private static bool HasChinese(string text) => text.Any(c => c is >= '\u4E00' and <= '\u9FFF');

    // The formula as the grammar prints it with the fewest parentheses (so no deeper than the text it came from).
    private static string Canonical(FormulaRoot root) => root switch
    {
        NumericRoot n => Canonical(n.Expression, 0),
        ComparisonRoot c => $"{Canonical(c.Left, 0)} == {Canonical(c.Right, 0)}",
        AllPassRoot a => $"all_pass({string.Join(", ", a.Codes.Select(c => $"[{c}]"))})",
        _ => throw new InvalidOperationException(root.GetType().Name),
    };

    private static string Canonical(NumericNode node, int context)
    {
        switch (node)
        {
            case NumberNode n: return n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            case FieldNode f: return $"[{f.Code}]";
            case SumNode s: return $"sum({string.Join(", ", s.Codes.Select(c => $"[{c}]"))})";
            case NegateNode g: return "-" + Canonical(g.Operand, 3);
            case BinaryNode b:
                var level = b.Op is ArithmeticOp.Add or ArithmeticOp.Subtract ? 1 : 2;
                var symbol = b.Op switch { ArithmeticOp.Add => "+", ArithmeticOp.Subtract => "-", ArithmeticOp.Multiply => "*", _ => "/" };
                var text = $"{Canonical(b.Left, level)} {symbol} {Canonical(b.Right, level + 1)}";
                return context > level ? $"({text})" : text;
            default: throw new InvalidOperationException(node.GetType().Name);
        }
    }

    // What a successful parse reads: every bracketed code, trimmed, in order of first appearance.
    private static IEnumerable<string> BracketedCodes(string text) =>
        Bracketed().Matches(text).Select(m => m.Groups[1].Value.Trim()).Distinct(StringComparer.Ordinal);

    // A template's own words: doubled braces are one brace, placeholders are left out (read left to right, as documented in
    // docs/report-texts-format.md).
    private static string TemplateWords(string text) =>
        Placeholder().Replace(text, m => m.Value switch { "{{" => "{", "}}" => "}", _ => string.Empty });

    private static bool NamesItsPlace(string error, string text)
    {
        if (BracePosition().Match(error) is { Success: true } at)
        {
            var i = int.Parse(at.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 1;
            return i >= 0 && i < text.Length && text[i] is '{' or '}';
        }

        return NamedPlaceholder().Match(error) is { Success: true } named && text.Contains(named.Groups[1].Value, StringComparison.Ordinal);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\[([^\]]*)\]")]
    private static partial System.Text.RegularExpressions.Regex Bracketed();

    // Alternatives in the order the scanner tries them at a brace: "{{", "}}", then a placeholder up to the next "}".
    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{|\}\}|\{[^}]*\}")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();

    [System.Text.RegularExpressions.GeneratedRegex(@"^第 (\d+) 个字符处")]
    private static partial System.Text.RegularExpressions.Regex BracePosition();

    [System.Text.RegularExpressions.GeneratedRegex(@"^占位符 “?(\{[^}]*\})")]
    private static partial System.Text.RegularExpressions.Regex NamedPlaceholder();

    [System.Text.RegularExpressions.GeneratedRegex(@"^第 [1-9]\d* 行：\S")]
    private static partial System.Text.RegularExpressions.Regex RowProblem();


    private static readonly FigureEntryValidator Validator = new();

    private static readonly SchemeField[] EntryFields =
        [Scheme.FindField("A10.01")!, Scheme.FindField("A04.01")!, Scheme.FindField("A01.01")!, Scheme.FindField("A01.02.t")!, Scheme.FindField("B00.01")!];

    private static readonly Lazy<Core.Rules.EvaluationResult> GoldenLikeResult = new(() => Core.Rules.RuleEngine.For(Scheme).Evaluate(new Dictionary<string, FieldValue>
    {
        ["A10.01"] = FieldValue.Of(10755m), ["A10.02"] = FieldValue.Of(10736m), ["A04.01"] = FieldValue.Of(0m),
    }));

    // Pieces that matter to a JSON reader: structure, escapes (a lone surrogate among them), numbers at the edges, codes.
    private static readonly string[] JsonTokens =
    [
        "{", "}", "[", "]", ":", ",", "\"", "\"scheme\"", "\"figures\"", "\"county\"", "\"year\"", "\"SX-2021\"", "\"A10.01\"",
        "\"B00.07\"", "\"A01.01\"", "\"A01.02.t\"", "\"areas\"", "\"problems\"", "\"codes\"", "\"heading\"", "\"date\"",
        "\"A10_PRESCHOOL\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\u0000\"", "\"{A10.03}\"", "\"{A99.99}\"", "\"{{\"", "null", "true",
        "false", "0", "-1", "1e309", "1e-400", "79228162514264337593543950336", "12149", "1.5", "NaN", "\"2021-13-45\"",
        " ", "\n", "//c\n", "/*", "闻喜县", new string('[', 70), new string('{', 3),
    ];

    private static readonly Gen<string> JsonNoise =
        Gen.ListOf(Gen.Elements(JsonTokens)).Select(parts => string.Concat(parts));

    private static readonly Gen<string> FiguresNoise =
        from code in Gen.Elements("A10.01", "B00.07", "A01.01", "A01.02.t", "A10.03", "Z", "A10.01\\ud800")
        from value in Gen.Elements(JsonTokens.Where(t => !t.StartsWith('{') && !t.StartsWith('[')).ToArray())
        from extra in JsonNoise
        select $"{{\"scheme\":\"SX-2021\",\"county\":\"闻喜县\",\"year\":2021,\"figures\":{{\"{code}\":{value}{extra}}}}}";

    private static readonly Gen<string> TextsNoise =
        from key in Gen.Elements("issuer", "date", "basic", "areas", "problems", "plans", "intro", "title")
        from value in JsonNoise
        select $"{{\"{key}\":{value}}}";

    private static readonly Gen<string> FormulaNoise =
        Gen.ListOf(Gen.Elements(
            "[A10.01]", "[A10.02]", "[", "]", "(", ")", "+", "-", "*", "/", "==", "=", "sum(", "all_pass(", ",", " ", "0", "1.5",
            "99999999999999999999999999999", ".", "x", "[]", "[A10.01", new string('(', 80), new string('-', 80)))
        .Select(parts => string.Concat(parts));

    private static readonly Gen<string> TemplateNoise =
        Gen.ListOf(Gen.Elements(
            "{", "}", "{{", "}}", "{A10.03}", "{A10.03.abs}", "{A10.03.target}", "{A10.03?是:否}", "{A04.03+?增长:下降}", "{A99.01}",
            "{A10.01.target}", "{A01.02.t.abs}", "?", ":", "+?", "毛入园率", "，", "%", "\n", "\u0001"))
        .Select(parts => string.Concat(parts));

    private static readonly Gen<string> CsvNoise =
        Gen.ListOf(Gen.Elements(
            "code,name,parent_code\n", "username,display_name,role,region_code\n", ",", "\"", "\"\"", "\r", "\n", "\r\n", "\uFEFF",
            "140823", "140800", "140000", "闻喜县", "CountyOfficial", "县级填报人员", "a.b", "=cmd", " ", "\u0000", "x"))
        .Select(parts => string.Concat(parts));

    // Formulas the grammar accepts, written with and without spaces and with parentheses it does not need: without them a
    // parse would rarely succeed, and what a parse means would go unchecked.
    private static readonly Gen<string> Atoms =
        Gen.Elements("[A10.01]", "[ A10.02 ]", "0", "1.5", "12149", "100.00", "sum([A10.01],[A10.02])", "sum( [A10.01] )");

    private static Gen<string> Expression(int depth) => depth == 0 ? Atoms : Gen.OneOf(
        Atoms,
        from left in Expression(depth - 1)
        from op in Gen.Elements("+", "-", "*", "/", " + ", " - ", " * ", " / ")
        from right in Expression(depth - 1)
        select left + op + right,
        Expression(depth - 1).Select(e => $"({e})"),
        Expression(depth - 1).Select(e => $"-{e}"));

    private static readonly Gen<string> Formulas = Gen.OneOf(
        Expression(3),
        from left in Expression(2) from right in Expression(2) select $"{left} == {right}",
        Gen.Elements("all_pass([A10.03], [A10.04])", "all_pass([A10.03])"));

    // Figures files made of real codes (a computed one among them) and values of every JSON type, some of them repeated.
    private static readonly Gen<string> FiguresFiles =
        from entries in Gen.ListOf(
            from code in Gen.Elements("A10.01", "A10.02", "A04.01", "A01.01", "A01.02.t", "B00.01", "A10.03")
            from value in Gen.Elements("10755", "0", "1.5", "99.82", "-1", "1e3", "12149.000", "true", "false", "\"是\"", "\"《工作规则》\"", "\" 两端有空格 \"", "null")
            select $"\"{code}\": {value}").Resize(4)
        select $"{{\"scheme\": \"SX-2021\", \"county\": \"闻喜县\", \"year\": 2021, \"figures\": {{{string.Join(", ", entries)}}}}}";

    // User and region files with their header and rows, good ones (the last user repeating the first in other case) and rows
    // of good and bad values mixed.
    private static readonly Gen<string> UserFiles =
        from rows in Gen.ListOf(Gen.OneOf(
            Gen.Elements("wenxi.county,张三,CountyOfficial,140823", "yuncheng.city,李四,县级填报人员,140800", "Wenxi.County,王五,CountyOfficial,140823"),
            from user in Gen.Elements("wenxi.county", "ab", "zhang@example.gov.cn", "Wenxi.County", "a b", "")
            from name in Gen.Elements("张三", "", "李\u0001四", "\"王,五\"")
            from role in Gen.Elements("CountyOfficial", "县级填报人员", "Nobody")
            from region in Gen.Elements("140823", "14082", "x")
            select $"{user},{name},{role},{region}")).Resize(3)
        select "username,display_name,role,region_code\n" + string.Join("\n", rows);

    private static readonly Gen<string> RegionFiles =
        from rows in Gen.ListOf(Gen.OneOf(
            Gen.Elements("140000,山西省,", "140800,运城市,140000", "140823,闻喜县,140800", "150000,内蒙古自治区,"),
            from code in Gen.Elements("140000", "140800", "140823", "150000", "14082", "x")
            from name in Gen.Elements("山西省", "运城市", "闻喜县", "", "\"运城\n市\"")
            from parent in Gen.Elements("", "140000", "140800", "150000")
            select $"{code},{name},{parent}")).Resize(3)
        select "code,name,parent_code\n" + string.Join("\n", rows);

    // What people type into a figure's box: numbers in every accepted form and some just outside the rules.
    private static readonly Gen<string> EntryExamples = Gen.Elements(
        "12149", "12,149", "12，149", "１２１４９", "0", "99.82", "100", "100.5", "-3", " 42 ", "\u300042", "1.1234567", "1.123456",
        "1234567890123456", "123456789012345", "1e3", "1,2,3", "是", "否", "true", "False", "", "   ", "《工作规则》");

    private static readonly Gen<string> EntryNoise =
        Gen.ListOf(Gen.Elements("1", "0", "-", ".", ",", "，", "１", "．", "e", "E", "+", " ", "\u3000", "是", "否", "true", "NaN", "∞", "\u0007", "999999999999999"))
        .Select(parts => string.Concat(parts));

    // A valid file with one random cut, insertion, swap or truncation: the loader must name a problem or accept it.
    private static Gen<string> Mutations(string valid) =>
        from kind in Gen.Choose(0, 4)
        from at in Gen.Choose(0, valid.Length - 1)
        from length in Gen.Choose(1, 200)
        from token in Gen.Elements(JsonTokens)
        select kind switch
        {
            0 => valid.Remove(at, Math.Min(length, valid.Length - at)),
            1 => valid.Insert(at, token),
            2 => valid[..at] + token + valid[Math.Min(valid.Length, at + length)..],
            3 => valid[..at],
            _ => valid.Replace("\"value\": 90", "\"value\": " + token, StringComparison.Ordinal),
        };
}
