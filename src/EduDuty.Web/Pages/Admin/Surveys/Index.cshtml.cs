using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Surveys;
using EduDuty.Core.Messaging;
using EduDuty.Core.Text;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Admin.Surveys;

/// <summary>
/// 满意度调查 (issue 31): the survey files an admin may use (with a read-only preview of a version), the upload of a file as
/// the next version of its code, opening a round for a year, a region and a period, and the rounds of the admin's region.
/// </summary>
// A survey file is at most 256 KB: a bigger declared body is refused before it is read.
[HandlerBodyLimit("Upload", SurveyAdministration.MaxFileBytes + (16 * 1024), 4)]
public sealed class IndexModel(SurveyAdministration surveys, OpenSurveyRound opening, TimeProvider clock, CurrentUser user) : AdminPageModel(user)
{
    [BindProperty] public IFormFile? SurveyFile { get; set; }

    [BindProperty] [Display(Name = "问卷")] public int DefinitionId { get; set; }

    [BindProperty] [Display(Name = "年度")] public int Year { get; set; }

    [BindProperty] [Display(Name = "地区")] public string? RegionCode { get; set; }

    [BindProperty] [Display(Name = "开始日期")] public DateOnly? OpensOn { get; set; }

    [BindProperty] [Display(Name = "结束日期")] public DateOnly? ClosesOn { get; set; }

    /// <summary>The version shown read-only (<c>?preview=</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "preview")] [Display(Name = "预览的问卷")] public int? PreviewId { get; set; }

    public IReadOnlyList<SurveyVersionItem> Versions { get; private set; } = [];
    public IReadOnlyList<SurveyRoundItem> Rounds { get; private set; } = [];
    public IReadOnlyList<SurveyRegionChoice> Regions { get; private set; } = [];
    public SurveyVersionPreview? Preview { get; private set; }

    /// <summary>Which form the refusal shown belongs to: "upload" or "open".</summary>
    public string? RefusedForm { get; private set; }

    /// <summary>A round just opened: its page is linked.</summary>
    public int? OpenedRoundId { get; private set; }

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        RefusedForm = "upload";
        if (SurveyFile is null || SurveyFile.Length is 0 or > SurveyAdministration.MaxFileBytes)
            return await NotDoneAsync<Unit>(Outcome.Invalid(nameof(SurveyFile), Messages.SurveyFileMissing(SurveyAdministration.MaxFileBytes / 1024)), cancellationToken);
        var json = await Uploads.ReadUtf8Async(SurveyFile, cancellationToken);
        if (json is null) return await InvalidAsync(nameof(SurveyFile), "文件不是 UTF-8 编码的 JSON，请另存为 UTF-8 后重新上传。", cancellationToken);
        var saved = await surveys.UploadAsync(json, Actor, cancellationToken);
        return await ShowAsync(saved, cancellationToken);
    }

    public async Task<IActionResult> OnPostOpenAsync(CancellationToken cancellationToken)
    {
        RefusedForm = "open";
        if (string.IsNullOrWhiteSpace(RegionCode) || RegionCode.Length > 12) return await InvalidAsync(nameof(RegionCode), "请从列表中选择“地区”（省、市或县）。", cancellationToken);
        if (OpensOn is not { } opens || ClosesOn is not { } closes) return await InvalidAsync(nameof(OpensOn), "请填写“开始日期”和“结束日期”（如 2021-11-01）。", cancellationToken);
        var opened = await opening.HandleAsync(new OpenSurveyInput(DefinitionId, Year, RegionCode.Trim(), opens, closes), Actor, cancellationToken);
        if (opened.IsDone) OpenedRoundId = opened.Value!.RoundId;
        return await ShowAsync(opened, cancellationToken);
    }

    protected override async Task<IActionResult> RenderAsync(CancellationToken cancellationToken)
    {
        Versions = await surveys.ListAsync(Actor, cancellationToken);
        Rounds = await surveys.RoundsAsync(Actor, cancellationToken);
        Regions = await surveys.RegionsAsync(Actor, cancellationToken);
        if (PreviewId is { } id) Preview = await surveys.PreviewAsync(id, Actor, cancellationToken);
        if (RefusedForm != "open")
        {
            // The form's defaults: the newest version, this year, the admin's own region, from today for a month.
            var today = ChinaTime.Today(clock);
            DefinitionId = Versions.OrderByDescending(v => v.Year ?? 0).ThenByDescending(v => v.Version).Select(v => v.Id).FirstOrDefault();
            Year = today.Year;
            RegionCode = Regions.FirstOrDefault()?.Code;
            OpensOn = today;
            ClosesOn = today.AddDays(29);
        }

        return Page();
    }
}
