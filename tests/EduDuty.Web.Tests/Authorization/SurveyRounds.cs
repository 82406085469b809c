using EduDuty.Application;
using EduDuty.Application.Surveys;
using EduDuty.Core.Surveys;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests.Authorization;

/// <summary>
/// A survey round for the matrix (issue 31): the shipped example opened for 山西省 in 2099, a year no other test uses, so that
/// the round page has a round its province's admin reaches and the other province's admin does not. Opened once per database.
/// </summary>
public static class SurveyRounds
{
    public const int Year = 2099;

    public static async Task<int> OpenAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EduDutyDbContext>();
        var existing = await db.SurveyRounds.Where(r => r.Year == Year).Select(r => r.Id).FirstOrDefaultAsync();
        if (existing != 0) return existing;
        var example = await db.SurveyDefinitions.Where(d => d.Code == BuiltInSurveys.ExampleCode).Select(d => d.Id).SingleAsync();
        var opened = await scope.ServiceProvider.GetRequiredService<OpenSurveyRound>().HandleAsync(
            new OpenSurveyInput(example, Year, "140000", new DateOnly(2021, 11, 1), new DateOnly(2099, 12, 31)), Actor.CommandLine, CancellationToken.None);
        return opened.IsDone ? opened.Value!.RoundId : throw new InvalidOperationException(opened.Refusal);
    }

    public static async Task<int> CountyIdAsync(IServiceProvider services, string code)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EduDutyDbContext>().Regions.Where(r => r.Code == code).Select(r => r.Id).SingleAsync();
    }
}
