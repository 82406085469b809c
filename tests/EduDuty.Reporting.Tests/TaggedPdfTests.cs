using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace EduDuty.Reporting.Tests;

/// <summary>
/// The report PDF is tagged (ISO 14289 PDF/UA-1 asks for it): a structure tree with headings, paragraphs and tables, the
/// document's language, its title shown by viewers, and bookmarks for sections 一 to 四 and the appendix.
/// </summary>
public sealed class TaggedPdfTests
{
    [Fact]
    public void The_catalog_has_a_structure_tree_the_language_an_outline_and_shows_the_title()
    {
        using var document = PdfDocument.Open(RenderedReports.Golden.Pdf);
        var catalog = document.Structure.Catalog.CatalogDictionary;

        Assert.True(catalog.ContainsKey(NameToken.Create("StructTreeRoot")));
        Assert.True(catalog.ContainsKey(NameToken.Create("Outlines")));
        var lang = Assert.IsType<StringToken>(catalog.Data["Lang"]);
        Assert.Equal("zh-CN", lang.Data);
        var preferences = (DictionaryToken)document.Structure.GetObject(((IndirectReferenceToken)catalog.Data["ViewerPreferences"]).Data).Data;
        Assert.Equal(BooleanToken.True, preferences.Data["DisplayDocTitle"]);
        Assert.True(document.Structure.Catalog.CatalogDictionary.ContainsKey(NameToken.Create("MarkInfo")));
    }

    [Fact]
    public void Bookmarks_lead_to_sections_one_to_four_and_the_appendix_and_tags_name_headings_paragraphs_and_tables()
    {
        using var document = PdfDocument.Open(RenderedReports.Golden.Pdf);
        Assert.True(document.TryGetBookmarks(out var bookmarks));
        Assert.Equal(["一、基本情况", "二、自查情况和工作成效", "三、存在问题和改进措施", "四、下一步工作打算", "附件　各领域指标自评情况"],
            bookmarks.Roots.Select(b => b.Title));

        // The outline's /Count is the number of its open entries: all five (it said 4).
        var catalog = document.Structure.Catalog.CatalogDictionary;
        var outlines = (DictionaryToken)document.Structure.GetObject(((IndirectReferenceToken)catalog.Data["Outlines"]).Data).Data;
        Assert.Equal(5, ((NumericToken)outlines.Data["Count"]).Int);

        // The structure elements' types as written in the file.
        var raw = System.Text.Encoding.Latin1.GetString(RenderedReports.Golden.Pdf);
        foreach (var type in new[] { "/H1", "/H2", "/P", "/Table", "/TR", "/TH", "/TD" })
            Assert.Contains(type, raw, StringComparison.Ordinal);
    }
}
