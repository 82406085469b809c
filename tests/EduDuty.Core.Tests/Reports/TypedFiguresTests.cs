using EduDuty.Core.Reports;
using EduDuty.Testing;

namespace EduDuty.Core.Tests.Reports;

/// <summary>
/// Issue 12's finding 3: the golden report's own words say "增长62.93%", "普惠性幼儿园覆盖率达到100%" and "挂牌全覆盖" while its
/// appendix lists A04.03, A10.08 and A03.05 as 未填报 (their inputs are not in the seed); so is "注册率达到100%" of the
/// drug-prevention platform (A12.06.1/A12.06.2, also 未填报).
/// </summary>
public sealed class TypedFiguresTests
{
    private static readonly ReportTexts Golden =
        ReportTextsReader.Read(File.ReadAllText(RepositoryPaths.Fixture("sx-2021", "golden-wenxi-2021-texts.json")), GoldenCase.Scheme).Texts!;

    private static List<TypedFigure> FindAll() =>
        Golden.Areas!.SelectMany(a => TypedFigures.Find(GoldenCase.Result, a.Key, string.Join('\n', a.Value))).ToList();

    [Fact]
    public void The_figures_the_golden_texts_state_without_data_are_found_with_their_placeholders()
    {
        var found = FindAll();

        Assert.Contains(found, f => f is { Field.Code: "A04.03", Typed: "62.93%", Replacement: "{A04.03}%" });
        Assert.Contains(found, f => f is { Field.Code: "A10.08", Typed: "100%", Replacement: "{A10.08}%" });
        Assert.Contains(found, f => f is { Field.Code: "A03.05", Typed: "全覆盖" });
        Assert.Contains(found, f => f is { Field.Code: "A12.06.1" or "A12.06.2", Typed: "100%" });
        // Nothing else: "增长2.25%" names no indicator, "9月底支出2410.755万元" is not last year's expenditure, and
        // "2.学校党组织和党的工作全覆盖情况。" is a sub-item's title.
        Assert.Equal(4, found.Count);
    }

    [Fact]
    public void The_suggestion_is_the_sentence_with_the_placeholder_and_the_offset_points_at_the_typed_figure()
    {
        var growth = FindAll().Single(f => f.Field.Code == "A04.03");
        var text = string.Join('\n', Golden.Areas!["A04_FINANCE"]);

        Assert.Equal("62.93%", text.Substring(growth.Offset, growth.Typed.Length));
        Assert.Contains("增长{A04.03}%", growth.Suggested);
    }

    [Fact]
    public void A_figure_whose_data_is_entered_is_not_flagged()
    {
        // 闻喜's A10.03 (学前三年毛入园率 99.82%) is computed from entered figures.
        Assert.Empty(TypedFigures.Find(GoldenCase.Result, "A10_PRESCHOOL", "学前三年毛入园率达到99.82%。"));
    }
}
