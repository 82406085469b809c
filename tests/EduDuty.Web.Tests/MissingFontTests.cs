using System.Net;
using System.Text.Json;
using EduDuty.Web.Tests.Infrastructure;

namespace EduDuty.Web.Tests;

/// <summary>The portal with a configured font file that does not exist.</summary>
public sealed class MissingFontPortalFactory : PortalFactory
{
    private readonly SqlitePortalFactory _database = new();

    public override Data.DatabaseProvider Provider => _database.Provider;

    public override string ConnectionString => _database.ConnectionString;

    public override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string> { ["Report:Fonts:Kai"] = "/nonexistent/simkai.ttf" };

    public override Task InitializeAsync() => _database.InitializeAsync();

    public override Task StopDatabaseAsync() => _database.StopDatabaseAsync();

    // Its own portal for its one class: nothing to reset between classes.
    protected override Task ResetDatabaseAsync() => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}

public sealed class MissingFontTests(MissingFontPortalFactory factory) : IClassFixture<MissingFontPortalFactory>
{
    [Fact]
    public async Task The_report_page_says_what_is_missing_and_no_pdf_with_empty_boxes_is_made()
    {
        var id = await Wenxi.EvaluationIdAsync(factory);
        var client = await PortalClient.For(factory).SignedInAsync("wenxi.official");

        var page = await client.GetDocumentAsync($"/Evaluations/{id}/Report");
        Assert.Contains("/nonexistent/simkai.ttf", page.QuerySelector("#font-problems")!.TextContent);
        Assert.Null(page.QuerySelector("#download-pdf"));

        var pdf = await client.Http.GetAsync($"/Evaluations/{id}/Report?handler=Pdf");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, pdf.StatusCode);
        Assert.Equal("text/html", pdf.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_submission_whose_edition_cannot_be_rendered_is_refused_and_changes_nothing()
    {
        var id = await Wenxi.EvaluationIdAsync(factory);
        await Wenxi.SeedCompleteFiguresAsync(factory, id);
        var lead = await PortalClient.For(factory).SignedInAsync("wenxi.lead");

        var submitted = await lead.SubmitAsync($"/Evaluations/{id}", "#submit-form", new Dictionary<string, string> { ["Confirmed"] = "true", ["DespiteDepartments"] = "true", ["DepartmentsReason"] = Wenxi.DepartmentsReason });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, submitted.StatusCode);
        Assert.Contains("服务器缺少生成报告所需的字体", (await PortalClient.ParseAsync(submitted)).QuerySelector("#review-refusal")!.TextContent);
        Assert.Equal(Core.Review.EvaluationStatus.Draft, await Wenxi.StatusAsync(factory, id));
        Assert.Equal(0, await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.ReportEditions)));
        Assert.Equal(0, await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.EvaluationTransitions, t => t.EvaluationId == id)));
        await Wenxi.ResetAsync(factory, id);
    }

    [Fact]
    public async Task Healthz_shows_an_admin_the_fonts_degraded_with_the_reason()
    {
        var response = await (await PortalClient.For(factory).SignedInAsync("shanxi.admin")).Http.GetAsync("/healthz");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var fonts = json.RootElement.GetProperty("checks").GetProperty("fonts");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", fonts.GetProperty("status").GetString());
        Assert.Contains("Report:Fonts:Kai", fonts.GetProperty("description").GetString());
    }
}
