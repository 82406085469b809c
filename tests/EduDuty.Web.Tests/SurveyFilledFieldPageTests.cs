using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>
/// A figure a satisfaction survey filled (issue 31, 来自满意度调查) on the county's area page, on both databases: read-only with
/// its mark, while the field beside it stays editable. A11.17.1 (上年学生近视率, an entered percentage of SX-2021) stands for
/// any field a survey maps; the value is stored as the fill stores it (the round's id in <c>FromSurveyRoundId</c>).
/// </summary>
public abstract class SurveyFilledFieldPageTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    [Fact]
    public async Task A_filled_figure_is_marked_and_read_only_and_its_neighbour_is_not()
    {
        var evaluation = await Wenxi.EvaluationIdAsync(Factory);
        await Factory.WithDbAsync(async db =>
        {
            await db.FigureValues.Where(f => f.EvaluationId == evaluation && f.FieldCode == "A11.17.1").ExecuteDeleteAsync();
            db.FigureValues.Add(new Data.Entities.FigureValue
            {
                EvaluationId = evaluation, FieldCode = "A11.17.1", Number = 86.2m, FromSurveyRoundId = 1, Version = 1, UpdatedAtUtc = Factory.Clock.GetUtcNow().UtcDateTime,
            });
            return await db.SaveChangesAsync();
        });
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        var page = await official.GetDocumentAsync($"/Evaluations/{evaluation}/Areas/A11_HOTSPOTS");

        Assert.Contains("来自满意度调查", page.QuerySelector("[data-survey-for='A11.17.1']")!.TextContent);
        Assert.True(page.QuerySelector("#f-A11-17-1")!.HasAttribute("disabled"));
        Assert.Null(page.QuerySelector("[data-survey-for='A11.17.2']"));
        Assert.False(page.QuerySelector("#f-A11-17-2")!.HasAttribute("disabled"));
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteSurveyFilledFieldPageTests(SqlitePortalFactory factory) : SurveyFilledFieldPageTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresSurveyFilledFieldPageTests(PostgresPortalFactory factory) : SurveyFilledFieldPageTests<PostgresPortalFactory>(factory);
