using Microsoft.Playwright;

namespace EduDuty.Browser.Tests;

/// <summary>Checks of the page's frame shared by the page tour and the header tests (issue 27).</summary>
internal static class LayoutChecks
{
    /// <summary>The header's height in CSS pixels (0 on a page without one: the sign-in page).</summary>
    public static Task<double> HeaderHeightAsync(IPage page) =>
        page.EvaluateAsync<double>("() => document.querySelector('header')?.getBoundingClientRect().height ?? 0");

    /// <summary>
    /// Text set one character a line, anywhere on the page: a run of text with two or more Chinese characters whose box is
    /// two line heights or taller while at most 1.5 em wide (the admin's name in the old header: "山/西/省/管/理/员").
    /// Visually hidden text (a 1-pixel box on purpose) is left out.
    /// </summary>
    public static Task<string[]> OneCharacterPerLineAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
          const found = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const node = walker.currentNode;
            const text = node.textContent.trim();
            if ((text.match(/[\u3400-\u9fff]/g) || []).length < 2) continue;
            const element = node.parentElement;
            if (!element || element.closest('.visually-hidden, .visually-hidden-focusable:not(:focus-within), script, style, template')) continue;
            const style = getComputedStyle(element);
            if (style.visibility === 'hidden') continue;
            const range = document.createRange(); range.selectNodeContents(node);
            const box = range.getBoundingClientRect();
            if (box.width === 0 || box.height === 0) continue;
            const size = parseFloat(style.fontSize);
            const line = style.lineHeight === 'normal' ? size * 1.2 : parseFloat(style.lineHeight);
            if (box.height >= 2 * line - 1 && box.width <= 1.5 * size) found.push(text.length > 24 ? text.slice(0, 24) + '…' : text);
          }
          return found;
        }
        """);
}
