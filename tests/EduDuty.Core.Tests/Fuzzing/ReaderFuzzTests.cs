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
/// validation outcome (an error list, or <see cref="FormulaSyntaxException"/> for the formula parser). Counts of cases run
/// are in each attribute; a failure prints the smallest input FsCheck found.
/// </summary>
public sealed class ReaderFuzzTests
{
    private const int Cases = 1500;

    private static readonly Scheme Scheme = BuiltInSchemes.Get("SX-2021");
    private static readonly string SchemeJson = BuiltInSchemes.ReadJson("SX-2021");

    [Property(MaxTest = 500)]
    public Property Scheme_loader_reports_problems_of_any_mutated_scheme_file_and_never_throws() =>
        Prop.ForAll(Mutations(SchemeJson).ToArbitrary(), json =>
        {
            var result = SchemeLoader.TryLoad(new MemoryStream(Encoding.UTF8.GetBytes(json)));
            return result.IsValid ? result.Errors.Count == 0 : result.Errors.Count > 0;
        });

    [Property(MaxTest = Cases)]
    public Property Scheme_loader_never_throws_on_json_like_noise() =>
        Prop.ForAll(JsonNoise.ToArbitrary(), json => !SchemeLoader.TryLoad(new MemoryStream(Encoding.UTF8.GetBytes(json))).IsValid);

    [Property(MaxTest = Cases)]
    public Property Formula_parser_throws_only_its_own_syntax_error() =>
        Prop.ForAll(FormulaNoise.ToArbitrary(), text =>
        {
            try
            {
                var formula = FormulaParser.Parse(text);
                return formula.References.Count >= 0;
            }
            catch (FormulaSyntaxException ex)
            {
                return ex.Message.Contains("个字符处", StringComparison.Ordinal);
            }
        });

    [Property(MaxTest = Cases)]
    public Property Figures_reader_reports_and_never_throws() =>
        Prop.ForAll(Gen.OneOf(JsonNoise, FiguresNoise).ToArbitrary(), json =>
        {
            var result = FiguresFileReader.Read(json, Scheme);
            return result.IsValid ? result.Errors.Count == 0 : result.Errors.Count > 0;
        });

    [Property(MaxTest = Cases)]
    public Property Report_texts_reader_reports_and_never_throws() =>
        Prop.ForAll(Gen.OneOf(JsonNoise, TextsNoise).ToArbitrary(), json =>
        {
            var result = ReportTextsReader.Read(json, Scheme);
            return result.IsValid ? result.Errors.Count == 0 : result.Errors.Count > 0;
        });

    [Property(MaxTest = Cases)]
    public Property Text_templates_report_and_never_throw() =>
        Prop.ForAll(TemplateNoise.ToArbitrary(), text =>
        {
            var parsed = TextTemplate.Parse(text, Scheme);
            return parsed.IsValid ? parsed.Template!.Render(GoldenLikeResult.Value).ToString() is not null : parsed.Errors.Count > 0;
        });

    [Property(MaxTest = Cases)]
    public Property Csv_readers_report_and_never_throw() =>
        Prop.ForAll(CsvNoise.ToArbitrary(), text =>
        {
            var users = UserCsv.Read(text);
            var regions = RegionCsv.Read(text);
            return users.IsValid == (users.Errors.Count == 0) && regions.IsValid == (regions.Errors.Count == 0);
        });

    [Property(MaxTest = Cases)]
    public Property Figure_entries_are_validated_and_never_throw() =>
        Prop.ForAll(Gen.OneOf(EntryNoise, ArbMap.Default.GeneratorFor<string>()).ToArbitrary(), raw =>
        {
            foreach (var field in EntryFields)
            {
                var entry = new FigureEntry(field, raw);
                if (Validator.Validate(entry).IsValid) _ = entry.ToValue();
            }

            return true;
        });

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
