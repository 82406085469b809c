using EduDuty.Core.Messaging;
using EduDuty.Core.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// The input rule (<see cref="PlainText"/>, decision 0028) over every text a POST handler receives, after binding and before
/// the handler runs: a control character, a direction mark or a non-character in any field, or a line break in a one-line
/// field, answers 422 with the Chinese page naming the field, and the handler never runs, so nothing changes. Being a
/// global filter over what was bound (<see cref="TextInputs"/>), a new page or field is covered without anyone remembering
/// it; the handlers' own checks stay for the command line and the imports.
/// </summary>
internal sealed class TextInputFilter(ILogger<TextInputFilter> logger) : IAsyncPageFilter
{
    /// <summary>Where the refusal waits for the error page that renders it (same request, re-executed).</summary>
    public const string RefusalKey = "EduDuty.TextInputRefusal";

    /// <summary>The name used when a field declares none (a test fails on every such field).</summary>
    public const string UnnamedField = "您填写的内容";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || context.HandlerInstance is null) return next();

        foreach (var field in TextInputs.Of(context.ActionDescriptor, context.HandlerMethod, context.HandlerInstance, context.HandlerArguments!))
        {
            if (PlainText.Check(field.Value, field.Label ?? UnnamedField, field.MultiLine) is not { } refusal) continue;
            logger.LogWarning("Refused request {Method} {Path}: {Code} in {Field}", request.Method, request.Path, refusal.Code, field.Key);
            context.HttpContext.Items[RefusalKey] = refusal;
            context.Result = new StatusCodeResult(StatusCodes.Status422UnprocessableEntity);
            return Task.CompletedTask;
        }

        return next();
    }

    /// <summary>The refusal this request was answered with, for the error page.</summary>
    public static Message? RefusalOf(HttpContext context) => context.Items.TryGetValue(RefusalKey, out var value) ? value as Message : null;
}
