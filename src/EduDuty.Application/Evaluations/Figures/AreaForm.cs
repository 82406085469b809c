using System.ComponentModel.DataAnnotations;
namespace EduDuty.Application.Evaluations.Figures;

/// <summary>
/// What the area page posts. <see cref="Base"/> and <see cref="Versions"/> say what each value was when the page was
/// loaded, so the server can tell the user's own changes from other people's.
/// </summary>
public sealed class AreaForm
{
    [Display(Name = "指标填报内容")] [DataType(DataType.MultilineText)]
    public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);

    [Core.Text.EchoOfStored]
    public Dictionary<string, string?> Base { get; set; } = new(StringComparer.Ordinal);

    [Display(Name = "版本")]
    public Dictionary<string, int> Versions { get; set; } = new(StringComparer.Ordinal);

    [Display(Name = "本领域的文字说明")] [DataType(DataType.MultilineText)]
    public string? Narrative { get; set; }

    [Core.Text.EchoOfStored]
    public string? NarrativeBase { get; set; }

    public int NarrativeVersion { get; set; }

    public static string NormalizeText(string? text) => Core.Texts.TextTemplate.FromTyped(
        string.Join("\n", (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).Trim());
}
