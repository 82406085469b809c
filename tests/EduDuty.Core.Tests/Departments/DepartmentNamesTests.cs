using EduDuty.Core.Departments;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Tests.Departments;

/// <summary>
/// A department's name (issue 30) is matched by exact text — the scheme's <c>department</c>, one name per county — so a name
/// that looks like another but is not the same text must not be made: an invisible character is refused with a message
/// that says what to do. Found by the attacker review: the lead could create “财政\u200B局” beside 财政局.
/// </summary>
public sealed class DepartmentNamesTests
{
    [Theory]
    [InlineData("财政\u200B局")] // zero-width space
    [InlineData("财政局\uFEFF")] // byte-order mark / zero-width no-break space, as a copied cell may carry
    [InlineData("\u2060财政局")] // word joiner
    [InlineData("财\u00AD政局")] // soft hyphen
    [InlineData("财政\u200D局")] // zero-width joiner
    public void A_name_with_an_invisible_character_is_refused_with_what_to_do(string name)
    {
        Assert.Equal("部门名称中含有看不见的字符（如零宽空格，常见于从其他软件复制的文字），请删除后重新输入", DepartmentNames.Problem(name));
    }

    [Fact]
    public void Every_standard_name_and_every_name_the_shipped_scheme_gives_is_accepted()
    {
        var names = DepartmentNames.Standard
            .Concat(BuiltInSchemes.Get("SX-2021").Fields.Select(f => f.Department).OfType<string>())
            .Concat(["自然资源和规划局", "Finance Bureau", "财政局（国资办）"])
            .Distinct().ToList();
        Assert.Contains("财政局", names);
        Assert.All(names, n => Assert.Null(DepartmentNames.Problem(n)));
    }

    [Theory]
    [InlineData("财政\n局", "部门名称中含有换行或不可见的控制字符，请删除")]
    [InlineData("财政\u0007局", "部门名称中含有换行或不可见的控制字符，请删除")]
    [InlineData("  ", "请填写部门名称，如 财政局")]
    public void Line_breaks_control_characters_and_blanks_keep_their_messages(string name, string expected)
    {
        Assert.Equal(expected, DepartmentNames.Problem(name));
    }

    // Found by the attacker review: a workbook whose cover's 填报部门 was cleared was refused as “这是的填报表”.
    [Fact]
    public void A_workbook_cover_naming_no_department_is_refused_saying_the_cell_is_empty()
    {
        Assert.Equal("封面的“填报部门”是空的，无法确认这是财政局的填报表：请在“本部门填报”页面重新下载本部门的填报表，填写后上传（不要修改封面）。",
            Messaging.Messages.WorkbookOfOtherDepartment("", "财政局").Text);
        Assert.Equal("这是人社局的填报表，而您属于财政局：请在“本部门填报”页面下载本部门的填报表后填写上传。",
            Messaging.Messages.WorkbookOfOtherDepartment("人社局", "财政局").Text);
    }
}
