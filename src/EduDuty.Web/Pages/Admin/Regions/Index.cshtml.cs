using System.ComponentModel.DataAnnotations;
using EduDuty.Application.Administration;
using EduDuty.Core.Administration;
using EduDuty.Core.Regions;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Admin.Regions;

/// <summary>Regions: the list, one-by-one changes, and a CSV import that is previewed before it is applied.</summary>
public sealed class IndexModel(RegionAdministration regions, RegionSearch search, CurrentUser user) : AdminPageModel(user)
{
    [BindProperty] public IFormFile? Csv { get; set; }
    [BindProperty] [Display(Name = "导入的地区文件内容")] [DataType(DataType.MultilineText)] public string? CsvText { get; set; }
    [BindProperty] [Display(Name = "地区代码")] public string? Code { get; set; }
    [BindProperty] [Display(Name = "地区名称")] public string? Name { get; set; }
    [BindProperty] [Display(Name = "上级地区代码")] public string? ParentCode { get; set; }
    [BindProperty] public bool Active { get; set; }

    /// <summary>The region whose sub-regions are listed (the admin's own by default).</summary>
    [BindProperty(SupportsGet = true)] [Display(Name = "上级地区")] public string? Parent { get; set; }
    [BindProperty(SupportsGet = true)] [Display(Name = "搜索")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public RegionBranch? Branch { get; private set; }

    /// <summary>The parent region and the page of regions under it, in tree order.</summary>
    public IEnumerable<RegionNode> Rows => Branch is { } b ? b.Children.Items.Prepend(b.Parent) : [];

    public IReadOnlyList<RegionOption> Suggestions { get; private set; } = [];
    public RegionPlan? Plan { get; private set; }
    /// <summary>This page for a region's sub-regions at a page, with the search.</summary>
    public string BranchUrl(string? parent, int page = 1, string? q = null) =>
        $"/Admin/Regions?Parent={Uri.EscapeDataString(parent ?? "")}{(string.IsNullOrEmpty(q) ? "" : $"&Q={Uri.EscapeDataString(q)}")}&p={page}";

    /// <summary>Region suggestions for the region fields of the admin pages (region-search.js), at most <see cref="RegionSearch.Take"/>.</summary>
    public async Task<IActionResult> OnGetSearchAsync(string? q, CancellationToken cancellationToken) =>
        new JsonResult((await search.FindAsync(Actor, q, cancellationToken)).Select(r => new { code = r.Code, name = r.Name, level = r.Level.DisplayName() }));

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (Csv is null || Csv.Length is 0 or > 1024 * 1024) return await InvalidAsync(nameof(Csv), "请选择 1 MB 以内的 CSV 文件（UTF-8 编码）。", cancellationToken);
        CsvText = await Uploads.ReadUtf8Async(Csv, cancellationToken);
        if (CsvText is null) return await InvalidAsync(nameof(Csv), EduDuty.Core.Messaging.Messages.CsvEncodingUnknown.Text, cancellationToken);

        var read = RegionAdministration.Read(CsvText);
        if (read is not { IsDone: true, Value: { } rows }) return await NotDoneAsync(read, cancellationToken);
        var plan = await regions.PreviewAsync(rows, Actor, cancellationToken);
        if (!plan.IsDone) return await NotDoneAsync(plan, cancellationToken);
        Plan = plan.Value;
        return await RenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken)
    {
        var read = RegionAdministration.Read(CsvText);
        if (read is not { IsDone: true, Value: { } rows }) return await NotDoneAsync(read, cancellationToken);
        var imported = await regions.ImportAsync(rows, Actor, cancellationToken);
        if (imported is not { IsDone: true, Value: { } plan }) return await NotDoneAsync(imported, cancellationToken);
        Message = $"已导入 {plan.New.Count} 个地区（另有 {plan.Unchanged} 个已存在且相同）。";
        CsvText = null;
        return await RenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        // The parent may be typed by its name (运城市): the one region of that name is its code; several are named.
        var parent = await search.ResolveAsync(Actor, ParentCode, cancellationToken);
        if (parent is not { IsDone: true, Value: var parentCode }) return await NotDoneAsync(parent, cancellationToken);
        var imported = await regions.CreateAsync(Code, Name, parentCode, Actor, cancellationToken);
        if (imported is not { IsDone: true, Value: { } plan }) return await NotDoneAsync(imported, cancellationToken);
        Message = $"已导入 {plan.New.Count} 个地区（另有 {plan.Unchanged} 个已存在且相同）。";
        return await RenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostUpdateAsync(CancellationToken cancellationToken) =>
        await ShowAsync(await regions.UpdateAsync(Code, Name, Active, Actor, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken) =>
        await ShowAsync(await regions.DeleteAsync(Code, Actor, cancellationToken), cancellationToken);

    protected override async Task<IActionResult> RenderAsync(CancellationToken cancellationToken)
    {
        var branch = await regions.BranchAsync(Actor, Parent, Q, PageNumber, cancellationToken);
        Branch = branch.Value;
        if (!branch.IsDone) this.Answer(branch); // a region not the admin's: not found

        Suggestions = await search.FindAsync(Actor, null, cancellationToken);
        return Page();
    }
}
