namespace EduDuty.Core.Evidence;

/// <summary>What an evidence file is, decided from its content (<see cref="EvidenceContent"/>), never from its name.</summary>
public enum EvidenceKind
{
    Pdf = 1,
    Jpeg,
    Png,
    Docx,
    Xlsx,

    /// <summary>A Word 97–2003 document; WPS Writer's .wps files are this format inside (a compound file with a WordDocument stream).</summary>
    Doc,

    /// <summary>An Excel 97–2003 workbook (also WPS Spreadsheets' .et).</summary>
    Xls,

    /// <summary>China's fixed-layout format (GB/T 33190), which government systems issue documents in.</summary>
    Ofd,
    Zip,
}

public static class EvidenceKinds
{
    public static string DisplayName(this EvidenceKind kind) => kind switch
    {
        EvidenceKind.Pdf => "PDF",
        EvidenceKind.Jpeg => "JPEG 图片",
        EvidenceKind.Png => "PNG 图片",
        EvidenceKind.Docx => "Word 文档",
        EvidenceKind.Xlsx => "Excel 表格",
        EvidenceKind.Doc => "Word 97-2003 文档",
        EvidenceKind.Xls => "Excel 97-2003 表格",
        EvidenceKind.Ofd => "OFD 版式文件",
        EvidenceKind.Zip => "ZIP 压缩包",
        _ => kind.ToString(),
    };

    /// <summary>The media type a download carries: what the content is, not what the browser said.</summary>
    public static string MediaType(this EvidenceKind kind) => kind switch
    {
        EvidenceKind.Pdf => "application/pdf",
        EvidenceKind.Jpeg => "image/jpeg",
        EvidenceKind.Png => "image/png",
        EvidenceKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        EvidenceKind.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        EvidenceKind.Doc => "application/msword",
        EvidenceKind.Xls => "application/vnd.ms-excel",
        EvidenceKind.Ofd => "application/ofd",
        EvidenceKind.Zip => "application/zip",
        _ => "application/octet-stream",
    };

    /// <summary>
    /// The extensions a name of this kind may end with, the first being the one a download takes when the stored name's does
    /// not fit (a file stored before issue 24 under another extension). WPS's .wps and .et are Word and Excel 97–2003 inside.
    /// </summary>
    public static IReadOnlyList<string> Extensions(this EvidenceKind kind) => kind switch
    {
        EvidenceKind.Pdf => [".pdf"],
        EvidenceKind.Jpeg => [".jpg", ".jpeg", ".jpe", ".jfif"],
        EvidenceKind.Png => [".png"],
        EvidenceKind.Docx => [".docx"],
        EvidenceKind.Xlsx => [".xlsx"],
        EvidenceKind.Doc => [".doc", ".wps"],
        EvidenceKind.Xls => [".xls", ".et"],
        EvidenceKind.Ofd => [".ofd"],
        EvidenceKind.Zip => [".zip"],
        _ => [".bin"],
    };

    /// <summary>
    /// Extensions refused whatever the content: programs, scripts, pages, shortcuts, installers and macro-enabled Office
    /// files, so that a name alone can never make a download run (also checked for the files inside a ZIP).
    /// </summary>
    public static readonly IReadOnlySet<string> ForbiddenExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".exe", ".com", ".scr", ".pif", ".cpl", ".msi", ".msp", ".msc", ".dll", ".sys", ".drv", ".ocx", ".bat", ".cmd", ".ps1", ".psm1",
        ".psd1", ".vbs", ".vbe", ".js", ".jse", ".mjs", ".wsf", ".wsh", ".wsc", ".sct", ".hta", ".htm", ".html", ".xhtml", ".shtml", ".mht",
        ".mhtml", ".svg", ".svgz", ".jar", ".class", ".jnlp", ".apk", ".app", ".dmg", ".pkg", ".deb", ".rpm", ".sh", ".bash",
        ".zsh", ".csh", ".ksh", ".py", ".pyw", ".pl", ".rb", ".php", ".asp", ".aspx", ".jsp", ".cgi", ".lnk", ".url", ".inf", ".reg", ".scf",
        ".chm", ".hlp", ".application", ".gadget", ".appx", ".msix", ".iso", ".img", ".vhd", ".vhdx", ".docm", ".dotm", ".xlsm", ".xltm",
        ".xlam", ".xlsb", ".pptm", ".potm", ".ppam", ".ppsm", ".sldm", ".one", ".library-ms", ".settingcontent-ms", ".elf", ".run",
        ".out", ".so", ".dylib",
    };

    /// <summary>Whether a browser may show it inside the portal: images and PDFs only, never markup or scripts.</summary>
    public static bool IsViewable(this EvidenceKind kind) => kind is EvidenceKind.Pdf or EvidenceKind.Jpeg or EvidenceKind.Png;

    /// <summary>The accepted kinds as the upload form names them.</summary>
    public const string Accepted = "PDF、JPEG、PNG、DOCX、XLSX、DOC、XLS、WPS、OFD、ZIP";

    /// <summary>The file inputs' accept list: a hint for the browser's file picker (the content still decides).</summary>
    public const string AcceptAttribute = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.doc,.xls,.wps,.et,.ofd,.zip";
}

/// <summary>A supervisor's judgment of one piece of evidence.</summary>
public enum EvidenceVerdict
{
    Sufficient = 1,
    Insufficient = 2,
}
