using System.Globalization;
using EduDuty.Core.Schemes;
using EduDuty.Testing;

namespace EduDuty.Core.Tests.Schemes;

public sealed class BuiltInSchemeTests
{
    private static readonly Scheme Scheme = BuiltInSchemes.Get("SX-2021");
    private static readonly IReadOnlyList<IReadOnlyDictionary<string, string>> Catalog =
        CatalogCsv.Read(RepositoryPaths.Fixture("sx-2021", "catalog-sx-2021.csv"));

    [Fact]
    public void Sx2021_has_its_record_and_twelve_evaluation_areas_after_basic_facts()
    {
        Assert.Equal("SX-2021", Scheme.Code);
        Assert.Equal(2021, Scheme.Year);
        Assert.Equal("晋政教督〔2021〕1号", Scheme.Info.DocumentNumber);
        Assert.Equal("2021年对市县级政府履行教育职责的评价方案", Scheme.Info.Title);
        Assert.Equal(12, Scheme.Info.KeyContentCount);

        Assert.Equal("B00_BASIC", Scheme.Areas[0].Key);
        Assert.True(Scheme.Areas[0].IsBasicFacts);
        var areas = Scheme.EvaluationAreas.ToList();
        Assert.Equal(12, areas.Count);
        Assert.Equal(Enumerable.Range(1, 12), areas.Select(a => a.Number));
        Assert.Equal("学前教育普及普惠发展情况", Scheme.FindArea("A10_PRESCHOOL")!.NameZh);
        Assert.All(Scheme.Areas, a => Assert.False(string.IsNullOrWhiteSpace(a.NameEn)));
        Assert.All(Scheme.Areas, a => Assert.NotEmpty(a.DefaultTexts));
    }

    [Fact]
    public void Every_shipped_report_text_is_written_with_chinese_punctuation()
    {
        var texts = Scheme.Areas.SelectMany(a => a.DefaultTexts)
            .Concat([Scheme.Report.Intro, Scheme.Report.ProblemsLead, Scheme.Report.PlansLead])
            .Concat(Scheme.Report.Plans.SelectMany(p => new[] { p.Heading, p.Text }))
            .Concat(Scheme.Fields.Where(f => f.Problem is not null).SelectMany(f => new[] { f.Problem!.Heading, f.Problem.Measures }))
            .ToList();

        Assert.True(texts.Count > 200, $"{texts.Count} texts");
        // Placeholders keep their own syntax ({A01.01?成立了:尚未成立}); the prose around them is Chinese.
        var prose = texts.Select(t => System.Text.RegularExpressions.Regex.Replace(t, @"\{[^{}]*\}", "〇")).ToList();
        Assert.All(prose, t => Assert.DoesNotMatch(@"[\p{IsCJKUnifiedIdeographs}〇][,;:()]|[,;:()][\p{IsCJKUnifiedIdeographs}〇]", t));
        Assert.DoesNotContain(texts, t => t.Contains("尚未做到}不下达", StringComparison.Ordinal)); // no double negative
    }

    [Fact]
    public void Targets_are_labelled_by_name_with_the_indicator_code_and_areas_without_their_internal_key()
    {
        Assert.Equal("学前三年毛入园率 A10.03", Scheme.LabelTarget("A10.03"));
        Assert.Equal("学前教育普及普惠发展情况", Scheme.LabelTarget("A10_PRESCHOOL"));
        Assert.Equal("整体评价", Scheme.LabelTarget(null));
    }

    [Fact]
    public void Every_catalog_row_is_a_field_in_catalog_order()
    {
        Assert.Equal(239, Catalog.Count);
        Assert.Equal(Catalog.Select(r => r["code"]), Scheme.Fields.Select(f => f.Code));
    }

    [Fact]
    public void Every_field_matches_its_catalog_row()
    {
        foreach (var row in Catalog)
        {
            var field = Scheme.FindField(row["code"]);
            Assert.NotNull(field);
            Assert.Equal(row["area"], field.AreaKey);
            Assert.Equal(row["kind"], KindName(field.Kind));
            // A catalog name may carry a maintainer's note on the seed's definition, "学前三年适龄人口 (种子口径: 出生人数)": the
            // scheme shows the name alone and moves the definition into the field's help, which must say it.
            var note = System.Text.RegularExpressions.Regex.Match(row["zh"], @"^(.*) \(种子口径: (.*)\)$");
            if (note.Success)
            {
                Assert.Equal(note.Groups[1].Value, field.NameZh);
                Assert.Contains(note.Groups[2].Value, field.Help);
            }
            else
            {
                Assert.Equal(row["zh"], field.NameZh);
            }
            Assert.Equal(row["en"], field.NameEn);
            Assert.Equal(row["formula"], field.Formula?.Text ?? string.Empty);
            Assert.Equal(row["precision"], field.Precision?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
            Assert.Equal(row["unit"] is "" or "—" ? null : row["unit"], field.Unit);

            if (row["op"] == string.Empty)
            {
                Assert.Null(field.Threshold);
                continue;
            }

            Assert.NotNull(field.Threshold);
            Assert.True(Threshold.TryParseOp(row["op"], out var op));
            Assert.Equal(op, field.Threshold.Op);
            if (row["threshold"] is "true" or "false") Assert.Equal(row["threshold"] == "true", field.Threshold.Flag);
            else Assert.Equal(decimal.Parse(row["threshold"], CultureInfo.InvariantCulture), field.Threshold.Number);
        }
    }

    [Fact]
    public void Entry_measures_are_declared_for_every_count_money_and_percentage_input_of_the_catalog()
    {
        // Units as the published catalog writes them; the scheme must declare what each input measures.
        string[] counts = ["人", "所", "个", "家", "间", "次", "起", "轨", "班"];
        string[] money = ["万元", "元", "元/生/年", "元/月", "元/生"];
        foreach (var row in Catalog.Where(r => r["kind"] == "number"))
        {
            var expected = counts.Contains(row["unit"]) ? FieldMeasure.Count
                : money.Contains(row["unit"]) ? FieldMeasure.Money
                : row["unit"] == "%" ? FieldMeasure.Percent
                : FieldMeasure.Plain;
            Assert.True(expected == Scheme.FindField(row["code"])!.Measure, $"{row["code"]} ({row["unit"]}): expected {expected}");
        }

        var checks = Catalog.Where(r => r["source"].StartsWith("consistency check", StringComparison.Ordinal)).Select(r => r["code"]).ToList();
        Assert.Equal(7, checks.Count);
        Assert.Equal(checks, Scheme.Fields.Where(f => f.IsConsistencyCheck).Select(f => f.Code));
    }

    [Fact]
    public void Formulas_are_parsed_once_with_their_references()
    {
        var share = Scheme.FindField("A07.07")!;
        Assert.Equal(["A07.04", "A07.01"], share.Formula!.References);
        Assert.True(Scheme.FindField("A04.14")!.Formula!.YieldsBool);
        Assert.True(Scheme.FindField("B00.05.check")!.IsConsistencyCheck);
    }

    private static string KindName(FieldKind kind) => kind switch
    {
        FieldKind.Number => "number",
        FieldKind.Bool => "bool",
        FieldKind.Text => "text",
        FieldKind.Derived => "derived",
        FieldKind.DerivedBool => "derived_bool",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
