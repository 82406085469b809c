using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace EduDuty.Web.TagHelpers;

/// <summary>
/// <c>&lt;div table-scroll="用户列表"&gt;</c>: the wrapper of a wide table, which scrolls sideways on a phone instead of squeezing
/// names to one character a line. A scrolling region must be reachable by keyboard and named (WCAG 2.1.1, axe
/// "scrollable-region-focusable"), so it gets a tab stop, the region role and the given name.
/// </summary>
[HtmlTargetElement("div", Attributes = "table-scroll")]
public sealed class TableScrollTagHelper : TagHelper
{
    [HtmlAttributeName("table-scroll")]
    public string Label { get; set; } = string.Empty;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.AddClass("table-responsive", System.Text.Encodings.Web.HtmlEncoder.Default);
        output.Attributes.SetAttribute("tabindex", "0");
        output.Attributes.SetAttribute("role", "region");
        output.Attributes.SetAttribute("aria-label", Label);
    }
}
