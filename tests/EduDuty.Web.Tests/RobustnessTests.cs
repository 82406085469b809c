using System.Net;
using System.Text;
using EduDuty.Web.Tests.Authorization;
using EduDuty.Web.Tests.Infrastructure;

namespace EduDuty.Web.Tests;

/// <summary>
/// No input takes the portal down or answers 5xx: random handlers and fields posted to every POST endpoint the portal maps,
/// by every kind of user; encoded NUL bytes; a body over the size limit; a scheme nested 100,000 parentheses deep; a figures
/// file with a lone surrogate. Each gets a 4xx, with a Chinese page or message where a person sees it.
/// </summary>
public abstract class RobustnessTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private static readonly string[] Junk =
    [
        "", "x", "\u0000", "%00", "-1", "99999999999999999999", "1e309", "NaN", "\ud800", "<script>alert(1)</script>", "' OR 1=1 --",
        "../../etc/passwd", new string('长', 5000), "A10.01", "140823", "true", "{A10.03}", "{", "2021-13-45", "　",
    ];

    private static readonly string[] Fields =
    [
        "Text", "Target", "ThreadId", "Code", "Name", "ParentCode", "Active", "Json", "SchemeId", "Year", "Region", "Deadline", "DeadlineDate",
        "UserId", "AssignRole", "AssignRegion", "NewUserName", "NewDisplayName", "NewRole", "NewRegion", "ReopenReason", "Confirmed",
        "Reasons[0].Target", "Reasons[0].Text", "Form.Values[A10.01]", "Form.Values[A01.01]", "Form.Narrative", "Form.Versions[A10.01]",
        "Form.Issuer", "Form.Date", "Form.Problems[0].Heading", "Form.Problems[0].Codes", "Form.Problems[999999].Order", "Versions[A10.01]",
        "Current", "NewPassword", "Confirm", "Input.UserName", "Input.Password", "CsvText", "p",
    ];

    [Fact]
    public async Task Random_handlers_and_fields_on_every_post_endpoint_never_answer_5xx()
    {
        var endpoints = (await EndpointCatalog.DiscoverAsync(Factory.Services)).Where(e => e.Method == "POST" && e.Route != "/Account/Logout").ToList();
        var id = await Wenxi.EvaluationIdAsync(Factory);
        var random = new Random(20211110);
        var failures = new List<string>();
        var requests = 0;
        foreach (var user in new[] { "wenxi.official", "yuncheng.supervisor", "shanxi.admin" })
        {
            var client = await PortalClient.For(Factory).SignedInAsync(user);
            var token = (await client.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            foreach (var endpoint in endpoints)
            {
                foreach (var handler in new[] { endpoint.Handler, "Nonsense", "%00", "Pdf", "Export" })
                {
                    var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token) };
                    for (var i = random.Next(1, 8); i > 0; i--) fields.Add(new(Fields[random.Next(Fields.Length)], Junk[random.Next(Junk.Length)]));
                    var url = endpoint.Url(id).Split('?')[0] + (handler == "-" ? string.Empty : "?handler=" + handler);
                    using var response = await client.Http.PostAsync(url, new FormUrlEncodedContent(fields));
                    requests++;
                    if ((int)response.StatusCode >= 500) failures.Add($"{user} POST {url} [{string.Join(", ", fields.Skip(1).Select(f => f.Key))}]: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} requests answered 5xx:\n" + string.Join("\n", failures.Take(20)));
        Assert.True(requests > 500, $"only {requests} requests");
    }

    // A NUL in the path itself never reaches the portal: Kestrel answers 400 (EduDuty.Browser.Tests/ServerLimitsTests).
    [Theory]
    [InlineData("/Evaluations/1/Audit?p=%00")]
    [InlineData("/Admin/Users?Region=%00&Role=%00")]
    [InlineData("/?handler=%00")]
    [InlineData("/Evaluations/1/Comments?Target=%00")]
    public async Task Encoded_nul_bytes_in_query_strings_get_a_4xx_or_the_page(string url)
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");

        var response = await admin.Http.GetAsync(url);

        Assert.True((int)response.StatusCode < 500, $"{url}: {(int)response.StatusCode}");
    }

    // The in-process test server does not enforce Kestrel's body limits: the import still refuses the file by its size. The 413
    // answered by Kestrel itself, with the Chinese page, is tested on a real server (EduDuty.Browser.Tests/ServerLimitsTests).
    [Fact]
    public async Task A_file_over_the_import_limit_is_refused_by_its_size_and_stores_nothing()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var id = await Wenxi.EvaluationIdAsync(Factory);
        var page = await official.GetDocumentAsync($"/Evaluations/{id}");
        var token = page.QuerySelector("#import-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[3 * 1024 * 1024]), "Upload", "figures.json" },
        };

        var response = await official.Http.PostAsync($"/Evaluations/{id}/Import", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("文件过大", (await PortalClient.ParseAsync(response)).QuerySelector("#import-errors")!.TextContent);
        Assert.Empty(await Wenxi.AuditAsync(Factory, id));
    }

    [Fact]
    public async Task A_scheme_nested_a_hundred_thousand_parentheses_deep_is_refused_and_the_portal_keeps_serving()
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var scheme = System.Text.Json.Nodes.JsonNode.Parse(EduDuty.Core.Schemes.BuiltInSchemes.ReadJson("SX-2021"))!.AsObject();
        scheme["areas"]![10]!["fields"]![2]!["formula"] = new string('(', 100_000) + "[A10.02]" + new string(')', 100_000);
        var json = scheme.ToJsonString();
        Assert.True(json.Length > 200_000);

        var response = await admin.PostFileAsync("/Admin/Schemes", "#scheme-upload-form", "SchemeFile", "deep.json", json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("A10.03", (await PortalClient.ParseAsync(response)).QuerySelector("#admin-errors")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_figures_file_with_a_lone_surrogate_is_refused_naming_the_figure()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var id = await Wenxi.EvaluationIdAsync(Factory);

        var response = await official.PostFileAsync($"/Evaluations/{id}", "#import-form", "Upload", "figures.json",
            "{\"scheme\":\"SX-2021\",\"figures\":{\"B00.07\":\"\\ud800\"}}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("$.figures.B00.07", (await PortalClient.ParseAsync(response)).QuerySelector("#import-errors")!.TextContent);
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteRobustnessTests(SqlitePortalFactory factory) : RobustnessTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresRobustnessTests(PostgresPortalFactory factory) : RobustnessTests<PostgresPortalFactory>(factory);
