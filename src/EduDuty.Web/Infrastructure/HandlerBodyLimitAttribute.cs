namespace EduDuty.Web.Infrastructure;

/// <summary>
/// Bounds the body of one POST handler of a page (<c>?handler=</c><see cref="Handler"/>) below the server's default, before
/// anything reads it (<see cref="UploadGate"/>): a declared length over <see cref="Bytes"/> is answered 413 at once, a body
/// that grows past it is cut there, and a form with more than <see cref="MaxValues"/> values is refused (400). The page's
/// other handlers keep the server's limits. Used by the area page's autosave (issue 27), which carries one value or one text.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class HandlerBodyLimitAttribute(string handler, long bytes, int maxValues) : Attribute
{
    public string Handler { get; } = handler;

    public long Bytes { get; } = bytes;

    public int MaxValues { get; } = maxValues;

    public bool Applies(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && string.Equals(request.Query["handler"], Handler, StringComparison.OrdinalIgnoreCase);
}
