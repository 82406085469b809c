using System.Text.RegularExpressions;
using EduDuty.Core.Figures;
using EduDuty.Core.Reports;
using EduDuty.Core.Rules;
using EduDuty.Testing;

namespace EduDuty.Core.Tests.Reports;

/// <summary>
/// What a county office reads: Chinese punctuation, no statement the data does not support, no empty section. Checked over
/// four reports — the golden one, the golden figures with the scheme's default texts, 夏县's complete demo figures, and a
/// county that has entered nothing.
/// </summary>
public sealed partial class ReportLanguageTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    public static TheoryData<string> Reports => ["golden", "golden-defaults", "xiaxian-defaults", "empty-defaults"];

    private static ReportDocument Build(string name) => name switch
    {
        "golden" => ReportBuilder.Build(GoldenCase.Result, GoldenTexts(), "闻喜县", Today),
        "golden-defaults" => ReportBuilder.Build(GoldenCase.Result, ReportTexts.Defaults, "闻喜县", Today),
        "xiaxian-defaults" => ReportBuilder.Build(Evaluate(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "EduDuty.Application", "Demo", "Files", "xiaxian-2021.figures.json"))), ReportTexts.Defaults, "夏县", Today),
        _ => ReportBuilder.Build(RuleEngine.For(GoldenCase.Scheme).Evaluate(new Dictionary<string, FieldValue>()), ReportTexts.Defaults, "某县", Today),
    };

    [Theory]
    [MemberData(nameof(Reports))]
    public void Chinese_text_has_full_width_punctuation_and_never_an_ascii_mark_between_chinese_characters(string name)
    {
        var text = Build(name).ToPlainText();

        Assert.Empty(AsciiBetweenChinese().Matches(text).Select(m => m.Value));
        Assert.Contains("，", text);
        Assert.DoesNotContain("<", text);
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void The_county_speaks_of_itself_as_我县_throughout(string name)
    {
        var text = Build(name).ToPlainText();

        Assert.Contains("我县", text);
        Assert.DoesNotContain("本县", text);
    }

    [Theory]
    [InlineData("盐湖区", "我区", "全区")]
    [InlineData("侯马市", "我市", "全市")]
    [InlineData("额济纳旗", "我旗", "全旗")]
    public void A_district_a_county_level_city_or_a_banner_speaks_of_itself_by_its_kind(string region, string we, string whole)
    {
        var report = ReportBuilder.Build(GoldenCase.Result, ReportTexts.Defaults, region, Today);
        // The body's words; the appendix names indicators as the scheme does ("成立县委教育工作领导小组").
        var text = string.Join('\n', [report.Intro.ToString(), .. report.Body.Select(b => b.Text)]);

        Assert.Contains(we, text);
        Assert.Contains(whole, text);
        Assert.DoesNotMatch("[我全本]县|县委|县政府", text);
        Assert.Contains("县级", text); // the scheme's policy terms keep their 县
        Assert.Equal($"{region}人民政府办公室", report.Signature);
    }

    [Fact]
    public void A_text_figure_typed_with_ascii_marks_prints_with_chinese_ones()
    {
        // A08.02 as the golden figures hold it: "闻喜中学:15; 闻喜二中:15; 东镇中学:10; 红旗中学:6".
        var text = Build("golden-defaults").ToPlainText();

        Assert.Contains("闻喜中学：15", text);
        Assert.DoesNotContain("闻喜中学:15", text);
    }

    [Fact]
    public void A_school_category_with_no_school_is_not_listed()
    {
        // 闻喜's figures (seed: 高中4所、职中3所、初中10所、小学68所、幼儿园104所、特殊教育学校1所，九年一贯制学校4所) with no
        // 职中 and no 九年一贯制学校.
        var figures = GoldenCase.Figures.ToDictionary();
        figures["B00.06.2"] = FieldValue.Of(0m);
        figures["B00.06.7"] = FieldValue.Of(0m);
        var report = ReportBuilder.Build(RuleEngine.For(GoldenCase.Scheme).Evaluate(figures), ReportTexts.Defaults, "闻喜县", Today);

        Assert.Contains("其中，高中4所、初中10所、小学68所、幼儿园104所、特殊教育学校1所。", report.ToPlainText());
        Assert.DoesNotContain("职中", report.Body.First(b => b.Text.Contains("其中，高中", StringComparison.Ordinal)).Text);
    }

    [Fact]
    public void The_intro_cites_the_scheme_with_book_title_marks_nested_as_the_standard_writes_them()
    {
        var intro = Build("golden").Intro.ToString();

        Assert.StartsWith("根据《山西省人民政府教育督导委员会关于印发〈2021年对市县级政府履行教育职责的评价方案〉的通知》（晋政教督〔2021〕1号）", intro);
    }

    /// <summary>
    /// Every judged choice of the shipped scheme ({CODE?if pass:otherwise}, read from the file itself): with nothing entered
    /// neither wording may appear, since neither is known.
    /// </summary>
    [Fact]
    public void With_nothing_entered_no_judged_wording_is_printed_and_every_judged_code_is_listed_among_the_gaps()
    {
        var report = Build("empty-defaults");
        var body = string.Concat(report.Body.Select(b => b.Text));
        var scheme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "EduDuty.Core", "Schemes", "SX-2021.scheme.json"));
        var choices = Choice().Matches(scheme).Select(m => (Code: m.Groups["code"].Value, Yes: m.Groups["yes"].Value, No: m.Groups["no"].Value)).ToList();
        Assert.True(choices.Count >= 30, $"{choices.Count} choices");

        var printed = choices.SelectMany(c => new[] { c.Yes, c.No }).Where(w => w.Length >= 4 && body.Contains(w, StringComparison.Ordinal)).Distinct().ToList();

        Assert.True(printed.Count == 0, "printed without data: " + string.Join(" | ", printed));
        Assert.Contains("A02.03", report.GapCodes);
        Assert.Contains("A05.07", report.GapCodes);
    }

    [Theory]
    [InlineData("尚未做到不下达升学指标")]
    [InlineData("低于县域公务员")]
    [InlineData("中职生均拨款未达到省定标准")]
    public void The_golden_figures_with_default_texts_state_nothing_about_the_fields_闻喜_left_empty(string claim)
    {
        Assert.DoesNotContain(claim, Build("golden-defaults").ToPlainText());
    }

    [Fact]
    public void A_clause_left_out_still_leaves_sentences_that_end_with_a_full_stop()
    {
        var report = Build("empty-defaults");

        Assert.All(report.Body.OfType<ReportParagraph>().Select(p => p.Text), p => Assert.DoesNotMatch(@"[，；]$", p));
    }

    [Fact]
    public void With_nothing_failing_and_no_item_section_three_is_a_sentence_not_a_colon_into_section_four()
    {
        var body = Build("empty-defaults").Body;
        var three = body.ToList().FindIndex(b => b.Text == "三、存在问题和改进措施");

        var lead = Assert.IsType<ReportParagraph>(body[three + 1]);
        Assert.EndsWith("。", lead.Text);
        Assert.Equal("四、下一步工作打算", body[three + 2].Text);
    }

    [Fact]
    public void The_appendix_names_indicators_without_codes_and_lists_the_unfilled_ones_on_one_line()
    {
        var report = Build("golden");
        var text = report.ToPlainText();
        var preschool = report.Appendix.Single(t => t.Title.Contains("学前教育", StringComparison.Ordinal));

        Assert.Equal(["指标", "数值", "目标", "结论"], preschool.Headers); // no last year: this year's values alone
        Assert.DoesNotMatch(@"\b[AB]\d\d\.\d", string.Join(' ', report.Appendix.SelectMany(t => t.Rows.SelectMany(t.CellsOf))));
        Assert.Contains(preschool.Rows, r => r is { Name: "学前三年毛入园率", Value: "99.82%", Status: "达标" });
        Assert.Contains("普惠性幼儿园覆盖率", preschool.UnfilledLine); // A10.08: its input A10.07 is not in the seed
        Assert.DoesNotContain("未填", string.Join(' ', report.Appendix.SelectMany(t => t.Rows.SelectMany(t.CellsOf))));
        Assert.Contains("项未填报：", text);
    }

    private static ReportTexts GoldenTexts() =>
        ReportTextsReader.Read(File.ReadAllText(RepositoryPaths.Fixture("sx-2021", "golden-wenxi-2021-texts.json")), GoldenCase.Scheme).Texts!;

    private static EvaluationResult Evaluate(string figuresJson) =>
        RuleEngine.For(GoldenCase.Scheme).Evaluate(FiguresFileReader.Read(figuresJson, GoldenCase.Scheme).File!.Values);

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}][,;:()<>][\p{IsCJKUnifiedIdeographs}]")]
    private static partial Regex AsciiBetweenChinese();

    [GeneratedRegex(@"\{(?<code>[AB][0-9]{2}(\.[0-9A-Za-z]+)+)\+?\?(?<yes>[^:{}""]*):(?<no>[^{}""]*)\}")]
    private static partial Regex Choice();
}
