using System.Text.Json;

namespace EduDuty.Core.Text;

/// <summary>
/// Reading JSON that people upload. <see cref="JsonDocument"/> parses escapes lazily, so a lone surrogate such as
/// <c>"\ud800"</c> is only found when a string is read, as an exception; and its own messages name .NET types. This parses a
/// document and checks every string and property name up front, so that readers never meet either.
/// </summary>
public static class JsonInput
{
    public static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    /// <summary>The document, or a Chinese message naming the line (syntax) or the path (a string that is not text).</summary>
    public static (JsonDocument? Document, string? Problem) Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            return (null, $"不是有效的 JSON（第 {(ex.LineNumber ?? 0) + 1} 行）：请检查括号、引号和逗号，嵌套不能超过 {Options.MaxDepth} 层");
        }

        if (FirstUnreadableString(document.RootElement, "$") is { } path)
        {
            document.Dispose();
            return (null, $"{path} 含有无法识别的字符（不成对的代理字符），请检查文件编码或重新导出");
        }

        return (document, null);
    }

    /// <summary>A JSON syntax or type error from the serializer, in words, with the line and the JSON path but no type names.</summary>
    public static string Describe(JsonException ex) =>
        $"第 {(ex.LineNumber ?? 0) + 1} 行{(string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : $"（{ex.Path}）")}：" +
        "不是有效的 JSON，或值的类型不对（例如应为数字却写成了文本），或嵌套过深";

    private static string? FirstUnreadableString(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Readable(() => element.GetString()) ? null : path;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstUnreadableString(item, $"{path}[{i++}]") is { } found) return found;
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name = string.Empty;
                    if (!Readable(() => name = property.Name)) return $"{path} 的某个属性名";
                    if (FirstUnreadableString(property.Value, $"{path}.{name}") is { } found) return found;
                }

                return null;
            default:
                return null;
        }
    }

    private static bool Readable(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
