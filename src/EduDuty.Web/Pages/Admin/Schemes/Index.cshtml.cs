using EduDuty.Application.Administration;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Admin.Schemes;

/// <summary>Scheme versions: upload and check a file, see what it changes, store it, activate a version for a year.</summary>
public sealed class IndexModel(SchemeAdministration schemes, CurrentUser user) : AdminPageModel(user)
{
    [BindProperty] public IFormFile? SchemeFile { get; set; }
    [BindProperty] public string? Json { get; set; }
    [BindProperty] public int SchemeId { get; set; }
    [BindProperty] public int Year { get; set; }

    public IReadOnlyList<SchemeListItem> Schemes { get; private set; } = [];
    public SchemeUpload? Upload { get; private set; }
    public async Task<IActionResult> OnPostCheckAsync(CancellationToken cancellationToken)
    {
        if (SchemeFile is null || SchemeFile.Length is 0 or > 4 * 1024 * 1024) return await FailAsync(["请选择 4 MB 以内的方案文件（JSON）。"], cancellationToken);
        Json = await Uploads.ReadUtf8Async(SchemeFile, cancellationToken);
        if (Json is null) return await FailAsync(["文件不是 UTF-8 编码的 JSON。"], cancellationToken);

        Upload = await schemes.CheckAsync(Json, Actor, cancellationToken);
        if (!Upload.IsValid) return await FailAsync(Upload.Errors.Select(e => e.ToString()).ToList(), cancellationToken);
        return await RenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var (record, errors) = await schemes.SaveAsync(Json ?? string.Empty, Actor, cancellationToken);
        if (record is null) return await FailAsync(errors.Count > 0 ? errors.Select(e => e.ToString()).ToList() : ["方案文件无效，请重新上传并检查。"], cancellationToken);
        Message = $"已保存 {record.Code} 第 {record.Version} 版。";
        Json = null;
        return await RenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostActivateAsync(CancellationToken cancellationToken)
    {
        if (!await schemes.IsManagedByAsync(SchemeId, Actor, cancellationToken)) return NotFound();
        if (Year is < 2000 or > 2100) return await FailAsync(["年度应在 2000–2100 之间。"], cancellationToken);
        await schemes.ActivateAsync(SchemeId, Year, Actor, cancellationToken);
        Message = $"已设为 {Year} 年度使用的方案。";
        return await RenderAsync(cancellationToken);
    }

    protected override async Task<IActionResult> RenderAsync(CancellationToken cancellationToken)
    {
        Schemes = await schemes.ListAsync(Actor, cancellationToken);
        return Page();
    }
}
