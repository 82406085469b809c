using EduDuty.Core.Reports;
using EduDuty.Core.Text;
using EduDuty.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EduDuty.Core.Tests.Reports;

/// <summary>Issue 25: what changed between two editions of a county's evaluation, as the supervisor reads it.</summary>
public sealed class EditionDiffTests
{
    private static readonly EduDuty.Core.Schemes.Scheme Scheme = GoldenCase.Scheme;

    private const string ShaA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string ShaB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private const string ShaC = "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";

    private static EditionContent Content(
        Dictionary<string, string?>? figures = null, Dictionary<string, string>? texts = null, params EditionFileEntry[] evidence) =>
        new(figures ?? [], texts ?? [], evidence);

    [Fact]
    public void Figures_added_removed_and_changed_are_named_by_the_scheme_and_shown_as_the_form_shows_them()
    {
        var before = Content(new()
        {
            ["A10.01"] = "12149", ["A10.02"] = "10755", ["A04.02"] = "35369.8", ["A01.01"] = "true", ["A01.02.t"] = "《领导小组工作规则》",
            ["A01.03"] = "4",
        });
        var after = Content(new()
        {
            ["A10.01"] = "12149", // unchanged
            ["A10.02"] = "10800", // changed
            ["A04.02"] = "35369.80", // the same number written with a trailing zero: unchanged
            ["A01.01"] = "false", // changed 是 → 否
            ["A01.02.t"] = null, // cleared
            ["A04.01"] = "36000", // added
        }); // A01.03 absent: removed

        var diff = EditionDiff.Of(before, after, Scheme);

        // Scheme order: A01 before A04 before A10.
        Assert.Equal(
            [
                ("A01.01", "成立县委教育工作领导小组", ChangeKind.Changed, "是", "否"),
                ("A01.02.t", "领导小组工作规则、办公室工作细则: 文件名", ChangeKind.Removed, "《领导小组工作规则》", null),
                ("A01.03", "定期研究教育工作次数", ChangeKind.Removed, "4次", null),
                ("A04.01", "一般公共预算教育支出(本期)", ChangeKind.Added, null, "36,000万元"),
                ("A10.02", "在园幼儿数 (不含托班)", ChangeKind.Changed, "10,755人", "10,800人"),
            ],
            diff.Figures.Select(f => (f.Code, f.Name, f.Kind, f.Before, f.After)));
        Assert.Equal("A10_PRESCHOOL", diff.Figures[^1].Field!.AreaKey);
        Assert.Empty(diff.Texts);
        Assert.Empty(diff.Evidence);
    }

    [Fact]
    public void Two_values_the_precision_rounds_alike_are_shown_with_every_decimal_entered()
    {
        // A04.01 has precision 0: 36000.4 and 36000.2 both show as "36,000" on the form.
        var diff = EditionDiff.Of(Content(new() { ["A04.01"] = "36000.4" }), Content(new() { ["A04.01"] = "36000.2" }), Scheme);

        Assert.Equal(("36000.4万元", "36000.2万元"), (diff.Figures.Single().Before, diff.Figures.Single().After));
        Assert.Equal(("35,369.80万元"), EditionDiff.Show(Scheme.FindField("A04.02"), "35369.8"));
        Assert.Equal("X99", EditionDiff.Of(Content(new() { ["X99"] = "1" }), Content(), Scheme).Figures.Single().Name); // a code the scheme does not know
    }

    [Fact]
    public void Texts_are_named_by_area_or_report_setting_and_carry_their_character_diff()
    {
        var before = Content(texts: new()
        {
            ["A10_PRESCHOOL"] = "全县新建幼儿园3所。", ["A01_PARTY"] = "党建文字不变。", ["报告.发文单位"] = "闻喜县人民政府",
        });
        var after = Content(texts: new()
        {
            ["A10_PRESCHOOL"] = "全县新建幼儿园5所。", ["A01_PARTY"] = "党建文字不变。", ["报告.主送"] = "运城市人民政府教育督导室",
        });

        var diff = EditionDiff.Of(before, after, Scheme);

        Assert.Equal(
            [
                ("（十）学前教育普及普惠发展情况 · 工作情况", ChangeKind.Changed, "A10_PRESCHOOL"),
                ("自评报告 · 主送", ChangeKind.Added, null),
                ("自评报告 · 发文单位", ChangeKind.Removed, null),
            ],
            diff.Texts.Select(t => (t.Name, t.Kind, t.AreaKey)));
        Assert.Equal(
            [new TextSegment(SegmentKind.Same, "全县新建幼儿园"), new TextSegment(SegmentKind.Deleted, "3"), new TextSegment(SegmentKind.Inserted, "5"), new TextSegment(SegmentKind.Same, "所。")],
            diff.Texts[0].Diff.Segments);
        Assert.Equal([new TextSegment(SegmentKind.Inserted, "运城市人民政府教育督导室")], diff.Texts[1].Diff.Segments);
        Assert.Equal(3, diff.Count);
    }

    [Fact]
    public void Evidence_added_removed_replaced_and_renamed_by_title_and_content()
    {
        var before = Content(evidence:
        [
            new("A10.02", "在园幼儿统计表", "统计表.pdf", 2048, ShaA), // replaced: same title and place, new content
            new("整体", "县委常委会纪要", "纪要.pdf", 4096, ShaB), // renamed: same content, new title
            new("A01_PARTY", "领导小组名单", "名单.pdf", 100, ShaC), // removed
            new("A01.03", "会议记录", "记录.pdf", 10, "dddd"), // unchanged (re-uploaded under another file name)
        ]);
        var after = Content(evidence:
        [
            new("A01.03", "会议记录", "记录（新）.pdf", 10, "DDDD"),
            new("整体", "县委常委会会议纪要", "纪要.pdf", 4096, ShaB),
            new("A10.02", "在园幼儿统计表", "统计表v2.pdf", 3072, "eeee"),
            new("A10_PRESCHOOL", "幼儿园布局规划", "规划.pdf", 1 << 20, "ffff"), // added
        ]);

        var diff = EditionDiff.Of(before, after, Scheme);

        Assert.Equal(
            [
                (EvidenceChangeKind.Removed, "领导小组名单", (string?)null),
                (EvidenceChangeKind.Replaced, "在园幼儿统计表", "统计表v2.pdf"),
                (EvidenceChangeKind.Added, null, "规划.pdf"),
                (EvidenceChangeKind.Renamed, "县委常委会纪要", "纪要.pdf"),
            ],
            diff.Evidence.Select(e => (e.Kind, e.Before?.Title, e.After?.FileName)));
        Assert.Equal("县委常委会会议纪要", diff.Evidence[3].After!.Title);
        Assert.Equal("评价整体", EditionDiff.NameOfTarget("整体", Scheme));
        Assert.Equal("（一）全面加强党对教育工作的领导情况", EditionDiff.NameOfTarget("A01_PARTY", Scheme));
        Assert.Equal("在园幼儿数 (不含托班)", EditionDiff.NameOfTarget("A10.02", Scheme));
    }

    [Fact]
    public void Two_copies_of_one_file_and_one_removed_is_one_removal()
    {
        var before = Content(evidence: [new("整体", "纪要", "a.pdf", 1, ShaA), new("整体", "纪要", "a.pdf", 1, ShaA)]);
        var after = Content(evidence: [new("整体", "纪要", "a.pdf", 1, ShaA)]);

        Assert.Equal(EvidenceChangeKind.Removed, EditionDiff.Of(before, after, Scheme).Evidence.Single().Kind);
    }

    private static readonly Gen<EditionContent> Contents =
        from figures in Gen.ArrayOf(from code in Gen.Elements("A10.01", "A10.02", "A01.01", "A01.02.t", "Z.9")
                                    from value in Gen.Elements<string?>("1", "2", "2.0", "true", null, "文字")
                                    select (Item1: code, Item2: value))
        from texts in Gen.ArrayOf(from key in Gen.Elements("A10_PRESCHOOL", "报告.主送")
                                 from text in Gen.Elements("", "甲乙。", "甲丙。")
                                 select (Item1: key, Item2: text))
        from files in Gen.ArrayOf(Gen.Elements(
            new EditionFileEntry("整体", "纪要", "a.pdf", 1, ShaA), new EditionFileEntry("整体", "纪要", "b.pdf", 2, ShaB),
            new EditionFileEntry("A10.02", "表", "c.pdf", 1, ShaA), new EditionFileEntry("A10.02", "表", "c.pdf", 3, ShaC)))
        select new EditionContent(
            figures.DistinctBy(f => f.Item1).ToDictionary(f => f.Item1, f => (string?)f.Item2),
            texts.DistinctBy(t => t.Item1).ToDictionary(t => t.Item1, t => t.Item2), files);

    [Property(MaxTest = 300)]
    public Property An_edition_compared_with_itself_has_no_difference_and_files_are_accounted_for_once() =>
        Prop.ForAll(Contents.ToArbitrary(), Contents.ToArbitrary(), (a, b) =>
        {
            var diff = EditionDiff.Of(a, b, Scheme);
            // Every file of either side is either matched unchanged or named by exactly one change.
            var named = diff.Evidence.Sum(e => (e.Before is null ? 0 : 1) + (e.After is null ? 0 : 1));
            var unchanged = (a.Evidence.Count + b.Evidence.Count - named) / 2.0;
            return EditionDiff.Of(a, a, Scheme).IsEmpty
                   && unchanged == Math.Floor(unchanged) && unchanged <= Math.Min(a.Evidence.Count, b.Evidence.Count)
                   && diff.Texts.All(t => t.Diff.Rewritten || Apply(t.Diff) == b.Texts.GetValueOrDefault(t.Key, ""))
                   && diff.Figures.Count == diff.Figures.DistinctBy(f => f.Code).Count();
        });

    // Applying a text's difference to the earlier text gives the later one.
    private static string Apply(TextDiff diff) =>
        string.Concat(diff.Segments!.Where(s => s.Kind != SegmentKind.Deleted).Select(s => s.Text));
}
