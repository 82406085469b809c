namespace EduDuty.Core.Messaging;

/// <summary>The department's own page (本部门填报), its workbook and its submission (报送): issue 30, decision 0054.</summary>
public static partial class Messages
{
    /// <summary>A department workbook's cell of a field that is not the department's was edited: the import takes nothing.</summary>
    public static Message WorkbookCellNotYours(string name, string code, string department) => NotNow("workbook-cell-not-yours",
        $"{name}（{code}）不是{department}填报的指标，本部门不能导入这一格：请恢复下载时的内容或删除这一行后重新上传（如需修改，请联系教育局）。",
        ("code", code), ("department", department));

    /// <summary>A workbook made for another department uploaded on this department's page.</summary>
    /// A cover whose 填报部门 was cleared names no department: said so, not “这是的填报表”.
    public static Message WorkbookOfOtherDepartment(string made, string mine) => NotNow("workbook-other-department",
        string.IsNullOrWhiteSpace(made)
            ? $"封面的“填报部门”是空的，无法确认这是{mine}的填报表：请在“本部门填报”页面重新下载本部门的填报表，填写后上传（不要修改封面）。"
            : $"这是{made}的填报表，而您属于{mine}：请在“本部门填报”页面下载本部门的填报表后填写上传。",
        ("made", made), ("department", mine));

    /// <summary>Cells edited in a department's workbook whose stored value someone changed after it was downloaded: nothing imported.</summary>
    public static Message DepartmentWorkbookMoved(int count) => NotNow("department-workbook-moved",
        $"下载填报表之后，有 {count} 项数据已被他人在系统中修改，本次没有导入。请查看页面上的最新数据，重新下载本部门填报表填写后再上传。", ("count", count));

    /// <summary>报送 with nothing left to send: every field of the department is submitted or accepted already.</summary>
    public static readonly Message DepartmentNothingToSubmit = NotNow("department-nothing-to-submit",
        "本部门的指标都已报送或已被采纳，没有需要报送的内容。如需更正已报送的数据，请联系教育局退回。");

    /// <summary>The code of <see cref="DepartmentEmptyFields"/>: the page shows the confirmation when 报送 answers it.</summary>
    public const string DepartmentEmptyFieldsCode = "department-empty-fields";

    /// <summary>报送 with empty fields, not yet confirmed: the page lists them and asks again.</summary>
    public static Message DepartmentEmptyFields(IReadOnlyList<string> names) => NotNow(DepartmentEmptyFieldsCode,
        $"以下 {names.Count} 项尚未填写，确认报送？{string.Join("、", names.Take(10))}{(names.Count > 10 ? " 等" : string.Empty)}。请填写后再报送，或勾选“确认报送”后重新点“报送”。",
        ("count", names.Count));

    /// <summary>The fields to send changed since the page was shown (a save, a return, an acceptance): the page again, then 报送.</summary>
    public static readonly Message DepartmentSubmitMoved = NotNow("department-submit-moved",
        "报送的内容在您打开页面后有变化（有指标刚被保存、退回或采纳）：请查看页面上的最新情况后重新报送。");

    /// <summary>The evidence rule for a department: only the indicators its fields feed (decision 0054).</summary>
    public static Message DepartmentEvidenceNotYours(string target) => Forbidden("department-evidence-not-yours",
        $"{target}不读取本部门填报的数据，本部门不能为它上传佐证材料：请只为本部门指标及其计算的指标上传，其他材料请交教育局上传。",
        ("target", target));

    public static Message DepartmentEvidenceLocked(string target) => NotNow("department-evidence-locked",
        $"{target}所依据的本部门数据已报送或已被采纳，本部门不能再为它上传佐证材料。如需补充，请联系教育局退回相关数据项后再上传。",
        ("target", target));
}
