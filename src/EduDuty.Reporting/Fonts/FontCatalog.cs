namespace EduDuty.Reporting.Fonts;

/// <summary>
/// Finds a TrueType-outline face for every role: the configured file first, then Debian's packages (AR PL UMing/UKai,
/// WenQuanYi Zen Hei), then the Windows fonts. Noto CJK is deliberately absent: its CFF outlines break PDFsharp and give
/// wrong copied text (decision 0009).
/// </summary>
public sealed class FontCatalog
{
    public const string InstallHint = "apt-get install fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei";

    private static readonly IReadOnlyDictionary<FontRole, string[]> Candidates = new Dictionary<FontRole, string[]>
    {
        [FontRole.Body] =
        [
            "/usr/share/fonts/truetype/arphic/uming.ttc#0", "C:/Windows/Fonts/simfang.ttf", "C:/Windows/Fonts/simsun.ttc#0",
        ],
        [FontRole.Heading] =
        [
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc#0", "C:/Windows/Fonts/simhei.ttf",
        ],
        [FontRole.Kai] =
        [
            "/usr/share/fonts/truetype/arphic/ukai.ttc#0", "C:/Windows/Fonts/simkai.ttf",
        ],
        [FontRole.Title] =
        [
            "/usr/share/fonts/truetype/arphic/uming.ttc#0", "C:/Windows/Fonts/simsun.ttc#0",
        ],
    };

    private FontCatalog(IReadOnlyDictionary<FontRole, FontFile> faces, IReadOnlyList<string> problems)
    {
        Faces = faces;
        Problems = problems;
    }

    public IReadOnlyDictionary<FontRole, FontFile> Faces { get; }

    /// <summary>One Chinese sentence per role that has no usable font, saying what to install or configure.</summary>
    public IReadOnlyList<string> Problems { get; }

    public bool IsComplete => Problems.Count == 0;

    /// <param name="configured">Role → "path" or "path#face", e.g. from configuration Report:Fonts:Body.</param>
    public static FontCatalog Discover(IReadOnlyDictionary<FontRole, string?>? configured = null)
    {
        var faces = new Dictionary<FontRole, FontFile>();
        var problems = new List<string>();
        foreach (var role in Enum.GetValues<FontRole>())
        {
            if (configured?.GetValueOrDefault(role) is { Length: > 0 } spec)
            {
                var file = FontFile.Parse(spec);
                if (File.Exists(file.Path)) faces[role] = file;
                else problems.Add($"配置的{Describe(role)}字体文件不存在：{file.Path}。请检查配置项 Report:Fonts:{role}。");
                continue;
            }

            var found = Candidates[role].Select(FontFile.Parse).FirstOrDefault(f => File.Exists(f.Path));
            if (found is not null) faces[role] = found;
            else problems.Add($"找不到{Describe(role)}字体。请安装字体（{InstallHint}），或在配置项 Report:Fonts:{role} 中指定 TrueType 字体文件。");
        }

        return new FontCatalog(faces, problems);
    }

    public static string Describe(FontRole role) => role switch
    {
        FontRole.Body => "正文（仿宋/宋体）",
        FontRole.Heading => "一级标题（黑体）",
        FontRole.Kai => "二级标题（楷体）",
        _ => "标题（宋体）",
    };
}
