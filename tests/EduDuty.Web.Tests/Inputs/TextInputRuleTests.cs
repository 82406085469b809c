using System.Net;
using EduDuty.Web.Infrastructure;
using EduDuty.Web.Tests.Authorization;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests.Inputs;

/// <summary>
/// The input rule (decision 0028) over every text of every POST handler: the handlers and their text inputs are found by
/// reflection over the pages the portal maps (bound properties and handler parameters, walked into the form types), not
/// listed by hand, so a new page or field is tried the day it is added. Each one gets U+0001 and U+202E (and a line break
/// where it holds one line) as the user whose page it is: 422, the Chinese page naming the field, and nothing stored.
/// </summary>
public abstract class TextInputRuleTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    /// <summary>Every POST handler with its text inputs.</summary>
    public static async Task<IReadOnlyList<(string Route, string Handler, IReadOnlyList<TextInputs.Field> Fields)>> PostHandlersAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var found = new List<(string, string, IReadOnlyList<TextInputs.Field>)>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page) continue;
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (route.EndsWith("/Index", StringComparison.Ordinal) || route == "/Error") continue;
            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            foreach (var handler in compiled.HandlerMethods.Where(h => h.HttpMethod.Equals("POST", StringComparison.OrdinalIgnoreCase)))
            {
                found.Add((route, handler.Name ?? "-", TextInputs.Declared(compiled, handler).ToList()));
            }
        }

        return found.DistinctBy(f => (f.Item1, f.Item2)).ToList();
    }

    [Fact]
    public async Task Every_text_input_of_every_post_handler_has_a_chinese_name()
    {
        var handlers = await PostHandlersAsync(Factory.Services);
        var unnamed = handlers.SelectMany(h => h.Fields.Where(f => string.IsNullOrWhiteSpace(f.Label)).Select(f => $"{h.Route} {h.Handler} {f.Key}")).ToList();

        Assert.True(unnamed.Count == 0, "text inputs without [Display(Name = …)], which a refusal could not name:\n" + string.Join("\n", unnamed));
        Assert.True(handlers.Count >= 40, $"only {handlers.Count} POST handlers found");
        Assert.Contains(handlers, h => h.Route == "/Admin/Regions" && h.Fields.Any(f => f.Key == "Code" && !f.MultiLine));
        Assert.Contains(handlers, h => h.Route.StartsWith("/Evaluations/{id:int}/Evidence", StringComparison.Ordinal) && h.Fields.Any(f => f.Key == "DocumentNumber"));
    }

    [Fact]
    public async Task Every_text_input_of_every_post_handler_refuses_controls_and_direction_marks_with_422_and_changes_nothing()
    {
        await SecondProvince.SetUpAsync(Factory);
        var id = await Wenxi.EvaluationIdAsync(Factory);
        var handlers = await PostHandlersAsync(Factory.Services);
        var clients = new Dictionary<string, (PortalClient Client, string Token)>();

        async Task<(PortalClient Client, string Token)> ClientFor(string route)
        {
            var user = route.StartsWith("/Admin", StringComparison.Ordinal) ? "shanxi.admin"
                : route.StartsWith("/Oversight", StringComparison.Ordinal) ? "yuncheng.supervisor"
                : route.StartsWith("/Departments", StringComparison.Ordinal) ? "wenxi.caizheng" // a department's own pages (issue 30)
                : route.StartsWith("/County", StringComparison.Ordinal) ? "wenxi.lead" // the lead's 部门管理 (issue 30)
                : route == "/Account/Login" ? "" : "wenxi.official";
            if (clients.TryGetValue(user, out var known)) return known;
            var client = user.Length == 0 ? PortalClient.For(Factory) : await PortalClient.For(Factory).SignedInAsync(user);
            var page = await client.GetDocumentAsync(user.Length == 0 ? "/Account/Login" : "/");
            return clients[user] = (client, page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!);
        }

        var before = await SnapshotAsync();
        var failures = new List<string>();
        var tried = 0;
        foreach (var (route, handler, fields) in handlers)
        {
            var (client, token) = await ClientFor(route);
            var url = new EndpointCase("POST", route, handler).Url(id);
            foreach (var field in fields)
            {
                var key = field.Key.Replace("[K]", "[A10.01]", StringComparison.Ordinal);
                var bad = new List<(string Value, string Says)> { ("第\u0001号", "不可见的控制字符"), ("材料\u202Efdp.exe", "不可见的控制字符") };
                if (!field.MultiLine) bad.Add(("第一行\n第二行", "只能填写一行文字"));
                foreach (var (value, says) in bad)
                {
                    tried++;
                    using var response = await client.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["__RequestVerificationToken"] = token, [key] = value,
                    }));
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.UnprocessableEntity || !body.Contains($"“{field.Label}", StringComparison.Ordinal) || !body.Contains(says, StringComparison.Ordinal))
                        failures.Add($"{url} {key}={Escape(value)}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} not refused as expected:\n" + string.Join("\n", failures.Take(40)));
        Assert.Equal(before, await SnapshotAsync());
        Assert.True(tried > 150, $"only {tried} tried");
    }

    [Fact]
    public async Task A_line_break_is_kept_where_a_field_holds_paragraphs()
    {
        var id = await Wenxi.EvaluationIdAsync(Factory);
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        var response = await official.SubmitAsync(Wenxi.AreaUrl(id), "#area-form", new Dictionary<string, string>
        {
            ["Form.Narrative"] = "第一段。\r\n第二段。",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("第一段。\n第二段。", await Factory.WithDbAsync(db => db.AreaNarratives.Where(n => n.EvaluationId == id && n.AreaKey == "A10_PRESCHOOL").Select(n => n.Text).SingleAsync()));
    }

    [Fact]
    public void The_region_form_is_one_row_whatever_its_fields_hold()
    {
        var lineBreak = Application.Administration.RegionAdministration.ReadOne("140999\n140998", "新区", "140800");
        var quoteBreak = Application.Administration.RegionAdministration.ReadOne("140999\",\"新区\",\"140800\"\n\"140998", "新区", "140800");
        var plain = Application.Administration.RegionAdministration.ReadOne("140899", "新区", "140800");

        Assert.Equal(("Code", "“地区代码”只能填写一行文字，不能含有换行，本次没有保存。请删除其中的换行后再提交。"), (lineBreak.Problems[0].Field, lineBreak.Problems[0].Text));
        Assert.False(quoteBreak.IsDone);
        Assert.Equal(["140899 新区 140800"], plain.Value!.Select(r => $"{r.Code} {r.Name} {r.ParentCode}"));
    }

    private static string Escape(string value) => string.Concat(value.Select(c => c < ' ' || c is >= '\u2000' and <= '\u206F' ? $"\\u{(int)c:X4}" : c.ToString()));

    private Task<string> SnapshotAsync() => Factory.WithDbAsync(async db => string.Join('|',
        await db.FigureValues.CountAsync(), await db.AreaNarratives.CountAsync(), await db.AuditEntries.CountAsync(), await db.AdminAuditEntries.CountAsync(),
        await db.ReviewComments.CountAsync(), await db.EvaluationTransitions.CountAsync(), await db.ReportSettings.CountAsync(),
        await db.Deadlines.CountAsync(), await db.Users.CountAsync(), await db.Regions.CountAsync(), await db.EvidenceFiles.CountAsync(),
        await db.RectificationTasks.CountAsync(), await db.Schemes.CountAsync(),
        string.Join(';', await db.Evaluations.OrderBy(e => e.Id).Select(e => e.Status.ToString() + e.ExtendedTo + e.UpdatedAtUtc).ToListAsync())));
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteTextInputRuleTests(SqlitePortalFactory factory) : TextInputRuleTests<SqlitePortalFactory>(factory);

// SQLite only: the rule refuses in a page filter before any handler or query runs, so the database cannot change the answer
// (the PostgreSQL run was 802 more requests on the test command's longest path).
