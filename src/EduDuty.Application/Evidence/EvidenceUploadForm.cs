using EduDuty.Application.Evaluations;
using EduDuty.Core.Text;

namespace EduDuty.Application.Evidence;

/// <summary>What an upload form names besides its files, once checked: the target, the document's date, and every problem.</summary>
public sealed record CheckedUpload(EvidenceTarget? Target, DateOnly? DocumentDate, IReadOnlyList<FieldProblem> Problems);

/// <summary>
/// The checks of an upload request before any file is read (the evidence page and the API, issue 29): the target must be an
/// indicator, area or bonus item of the scheme (blank: the whole evaluation), a date must be a date, and there must be between
/// one and <paramref name="maxFiles"/> files. Problems name the form's fields (<c>Field</c>, <c>DocumentDate</c>, <c>files</c>).
/// </summary>
public static class EvidenceUploadForm
{
    public const string DateProblem = "成文日期格式不正确，请用日期选择器选择，例如 2021-11-10。";

    public static CheckedUpload Check(Workspace workspace, string? field, string? documentDate, int files, int maxFiles)
    {
        var target = EvidenceTarget.Resolve(workspace.Scheme, field);
        var date = ChinaTime.ParseIsoDate(documentDate);
        var problems = new List<FieldProblem>();
        if (target is null) problems.Add(new("Field", "请选择材料所属的指标或领域。"));
        if (!string.IsNullOrWhiteSpace(documentDate) && date is null) problems.Add(new("DocumentDate", DateProblem));
        if (Files(files, maxFiles, "请选择要上传的文件。") is { } many) problems.Add(many);
        return new CheckedUpload(target, date, problems);
    }

    /// <summary>None chosen (<paramref name="none"/>) or more than <paramref name="maxFiles"/>: the problem at <c>files</c>; else null.</summary>
    public static FieldProblem? Files(int files, int maxFiles, string none) =>
        files == 0 ? new("files", none)
        : files > maxFiles ? new("files", $"一次最多上传 {maxFiles} 个文件，本次选了 {files} 个。请分批上传。")
        : null;

    /// <summary>What a rectification task's upload says when no file was chosen.</summary>
    public const string NoTaskFile = "请选择要上传的佐证材料文件。";
}
