using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    /// <summary>The request's full trace id (32 hex digits), as the logs carry it; never shown.</summary>
    public string? RequestId { get; private set; }

    /// <summary>
    /// What the page shows a user to quote to the administrator: the first 8 hex digits of the trace id (issue 27). It is a
    /// prefix of the full id, so searching the logs for it finds the request; the page also logs the two together.
    /// </summary>
    public string? Reference => ReferenceOf(RequestId);

    public static string? ReferenceOf(string? traceId) =>
        string.IsNullOrEmpty(traceId) ? null : new string(traceId.Where(char.IsAsciiLetterOrDigit).Take(8).ToArray()).ToLowerInvariant();

    public int Status { get; private set; }

    /// <summary>A refusal the request was answered with before any handler ran (a text field the input rule refused, a body that could not be read).</summary>
    public EduDuty.Core.Messaging.Message? Refusal { get; private set; }

    public (string Title, string Advice) Message => Status switch
    {
        400 when Refusal is { } unreadable => ("请求无法识别", unreadable.Text),
        400 => ("请求无法识别", "提交的内容格式不正确（例如含有无法识别的字符）。请返回上一页，检查后重新提交。"),
        422 => ("没有保存", Refusal?.Text ?? "提交的内容有误，本次没有保存。请返回上一页，检查后重新提交。"),
        404 => ("没有找到该页面", "您要找的内容不存在，或不在您的权限范围内。请从“我的评价”重新进入。"),
        405 => ("不支持该操作", "请从页面上的按钮办理，不要直接打开这个地址。"),
        413 => ("上传的内容过大", "文件或表单超过了允许的大小。请检查是否选错了文件，或把内容分次提交。"),
        415 => ("不支持的内容格式", "请从页面上的表单提交。"),
        403 => ("无权访问", "此操作不属于您的角色或所辖地区。如确需办理，请联系管理员。"),
        429 => ("操作过于频繁", "请稍等一分钟后再试。"),
        _ => ("系统暂时出现问题", "您的数据没有丢失。请稍后重试；如仍然出错，请将下方编号告知管理员。"),
    };

    public void OnGet() => Load();

    public void OnPost() => Load();

    // The status comes from the query string only: on a POST, binding a parameter would read the body, which may be the very
    // thing that was refused (too large, malformed) and would fail again.
    private void Load()
    {
        Status = int.TryParse(Request.Query["status"], out var status) ? status : 500;
        RequestId = Activity.Current is { } activity ? activity.TraceId.ToHexString() : HttpContext.TraceIdentifier;
        if (Status >= 500) logger.LogWarning("Error page shown with reference {Reference} for trace {TraceId}", Reference, RequestId);
        Refusal = EduDuty.Web.Infrastructure.TextInputFilter.RefusalOf(HttpContext);
    }
}
