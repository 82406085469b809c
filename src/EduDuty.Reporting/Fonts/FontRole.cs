namespace EduDuty.Reporting.Fonts;

/// <summary>The typefaces a government document uses, by role.</summary>
public enum FontRole
{
    /// <summary>正文: 仿宋 by the standard; a 宋体 where no free 仿宋 exists.</summary>
    Body,

    /// <summary>一、 headings: 黑体.</summary>
    Heading,

    /// <summary>（一） headings: 楷体.</summary>
    Kai,

    /// <summary>The title: 小标宋 by the standard; a 宋体 here.</summary>
    Title,
}
