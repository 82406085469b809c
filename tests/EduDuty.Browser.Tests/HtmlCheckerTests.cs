namespace EduDuty.Browser.Tests;

/// <summary>The checker the page tour relies on must find a real markup error, or the tour's "0 errors" means nothing.</summary>
public sealed class HtmlCheckerTests
{
    [Fact]
    public async Task A_label_for_a_missing_control_and_a_duplicate_id_are_reported_and_clean_markup_is_not()
    {
        var folder = Directory.CreateTempSubdirectory("eduduty-vnu-").FullName;
        try
        {
            const string head = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>t</title></head><body>";
            await File.WriteAllTextAsync(Path.Combine(folder, "bad.html"),
                head + "<label for=\"nowhere\">名称</label><div id=\"x\"></div><div id=\"x\"></div></body></html>");
            await File.WriteAllTextAsync(Path.Combine(folder, "good.html"),
                head + "<label for=\"name\">名称</label><input id=\"name\"></body></html>");

            var errors = await HtmlChecker.ErrorsAsync(folder);

            Assert.Contains(errors, e => e.StartsWith("bad.html") && e.Contains("Duplicate ID"));
            Assert.Contains(errors, e => e.StartsWith("bad.html") && e.Contains("for"));
            Assert.DoesNotContain(errors, e => e.StartsWith("good.html"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
