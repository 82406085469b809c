using EduDuty.Core.Messaging;
using EduDuty.Core.Surveys;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Reporting.Excel;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Surveys;

/// <summary>An exported workbook: its bytes and the file name to offer.</summary>
public sealed record SurveyExportFile(string FileName, byte[] Content)
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

/// <summary>
/// The results of a round (or of one county in it) as a workbook (issue 31, decision 0059 "Exports and the live value"): one row
/// per county, group, theme, question and option with its count and share, and the index, n and margin of every county, group,
/// theme and scale question. An unknown index is an empty cell with “无有效答卷” beside it — never 0. Read through
/// <see cref="SurveyResultsQuery"/> (so <see cref="SurveyPolicy.ReadResults"/> decides) from the summed tallies only.
/// </summary>
public sealed class SurveyResultsExport(SurveyResultsQuery results)
{
    public static readonly IReadOnlyList<TableColumn> Columns =
    [
        new("县代码", 10), new("县", 12), new("群体", 10), new("层级", 8), new("主题", 16), new("题号", 6), new("题目", 40),
        new("选项", 16), new("人数", 9), new("占比（%）", 10), new("满意度指数（%）", 14), new("n", 8), new("误差（± 个百分点）", 16), new("说明", 24),
    ];

    public async Task<Outcome<SurveyExportFile>> HandleAsync(int roundId, int? countyId, SurveyViewer viewer, CancellationToken cancellationToken)
    {
        var loaded = await results.LoadAsync(roundId, countyId, viewer, cancellationToken);
        if (!loaded.IsDone) return new Failure(loaded.Kind, loaded.Reason, loaded.Problems, loaded.Conflicts);
        var round = loaded.Value!;
        var rows = round.Counties.SelectMany(Rows);
        var name = countyId is null || round.Counties.Count != 1
            ? $"满意度调查结果-{round.Round.Year}-{round.Round.RegionName}.xlsx"
            : $"满意度调查结果-{round.Round.Year}-{round.Counties[0].Name}.xlsx";
        return Outcome.Done(new SurveyExportFile(name, Write(rows)));
    }

    private static byte[] Write(IEnumerable<IReadOnlyList<XlCell>> rows)
    {
        using var workbook = new StreamedWorkbook();
        var sheet = workbook.AddSheet(new SheetSpec("调查结果", Columns.Select(c => c.Width).ToList()) { FrozenRows = 1, FilterRow = 1, PrintTitleRows = 1, Landscape = true });
        sheet.Row(Columns.Select(c => XlCell.Text(c.Header, CellStyle.Header)).ToList());
        foreach (var row in rows) sheet.Row(row);
        return workbook.ToArray();
    }

    /// <summary>The rows of one county: the county, then each group, its themes, their questions and options.</summary>
    public static IEnumerable<IReadOnlyList<XlCell>> Rows(CountySurveyResult county)
    {
        var result = county.Result;
        yield return Row(county, null, "县", null, null, null, null, result.Counted, null, result.Index,
            result.Suspect > 0 ? $"有效答卷 {result.Counted} 份，另有可疑答卷 {result.Suspect} 份（不计入）" : null);
        foreach (var group in result.Groups)
        {
            yield return Row(county, group.Group, "群体", null, null, null, null, group.Counted, null, group.Index,
                group.Suspect > 0 ? $"另有可疑答卷 {group.Suspect} 份（不计入）" : null);
            foreach (var theme in group.Themes)
            {
                yield return Row(county, group.Group, "主题", theme.Theme.Name, null, null, null, null, null, theme.Index, null);
                foreach (var question in theme.Questions)
                {
                    yield return Row(county, group.Group, "题目", theme.Theme.Name, question.Question.Number, question.Question.Text, null, question.Answered, null, question.Index,
                        question.SharesMayExceedWhole ? "多选题：占比之和可超过 100%" : null);
                    foreach (var option in question.Options)
                        yield return Row(county, group.Group, "选项", theme.Theme.Name, question.Question.Number, question.Question.Text, option.Text, option.Count,
                            option.Share is { } share ? Math.Round((decimal)share * 100m, 1, MidpointRounding.AwayFromZero) : null, null,
                            option.Share is null ? "无人作答此题" : null);
                }
            }
        }
    }

    private static XlCell[] Row(CountySurveyResult county, SurveyGroup? group, string level, string? theme, int? number, string? question, string? option,
        long? count, decimal? share, SatisfactionIndex? index, string? note)
    {
        // An index that is unknown: the cells stay empty and the note says so (decision 0035: unknown is never 0).
        var unknown = index is { IsKnown: false };
        var notes = new[] { unknown ? SatisfactionIndex.UnknownText : null, index is { IsFew: true } ? SatisfactionIndex.FewText : null, note }.OfType<string>();
        return
        [
            XlCell.Text(county.Code, CellStyle.Code), XlCell.Text(county.Name), XlCell.Text(group?.Name()), XlCell.Text(level), XlCell.Text(theme),
            XlCell.Number(number), XlCell.Text(question), XlCell.Text(option), XlCell.Number(count), XlCell.Number(share),
            XlCell.Number(index?.Percent()), XlCell.Number(index is { IsKnown: true } ? index.N : null), XlCell.Number(index?.MarginPoints),
            XlCell.Text(string.Join("；", notes)),
        ];
    }
}

/// <summary>What the anonymised answers export covers, once allowed: the round, its definition and the counties.</summary>
public sealed record SurveyAnswersSelection(int RoundId, int Year, string FileName, SurveyDefinition Definition, IReadOnlyList<(int Id, string Code, string Name)> Counties);

/// <summary>
/// The anonymised answer sheets of a round (or one county) as a workbook, one sheet per group and one row per answer sheet: county,
/// group, the day it was sent (a China date, no time), why it is suspect in words, each question's chosen options (several
/// joined by “；”) and the open texts (made safe for a spreadsheet by the writer, <c>PlainText.ForExport</c>). Never a device or
/// address key. The sheets are read in keyset pages of the index (RoundId, CountyId, Id) and written row by row with
/// <see cref="StreamedWorkbook"/>, so the whole set is never in memory. <see cref="SurveyPolicy.ReadAnswers"/>: supervisors
/// and admins above the county only.
/// </summary>
public sealed class SurveyAnswersExport(EduDutyDbContext db)
{
    /// <summary>Sheets read per statement.</summary>
    public const int Page = 500;

    public async Task<Outcome<SurveyAnswersSelection>> PrepareAsync(int roundId, int? countyId, SurveyViewer viewer, CancellationToken cancellationToken)
    {
        var round = await db.SurveyRounds.AsNoTracking().Where(r => r.Id == roundId)
            .Select(r => new { r.Id, r.Year, RegionName = r.Region.Name, r.Definition.Definition }).SingleOrDefaultAsync(cancellationToken);
        if (round is null || SurveyLoader.Load(round.Definition).Definition is not { } definition) return Outcome.NotFound(Messages.SurveyRoundNotFound);
        var counties = await db.Regions.AsNoTracking()
            .Where(r => db.SurveyLinks.Any(l => l.RoundId == roundId && l.CountyId == r.Id) && (countyId == null || r.Id == countyId))
            .OrderBy(r => r.Code).Select(r => new { r.Id, r.Code, r.Name, r.Path }).ToListAsync(cancellationToken);
        if (counties.Count == 0) return Outcome.NotFound(Messages.SurveyRoundNotFound);
        var readable = counties.Where(c => SurveyPolicy.ReadAnswers(viewer, c.Path) is null).ToList();
        if (readable.Count == 0)
        {
            var refusal = SurveyPolicy.ReadAnswers(viewer, counties[0].Path)!;
            return refusal == Messages.SurveyOutOfScope && countyId is null ? Outcome.NotFound(Messages.SurveyRoundNotFound) : Outcome.Refused(refusal);
        }

        var name = countyId is null ? round.RegionName : readable[0].Name;
        return Outcome.Done(new SurveyAnswersSelection(round.Id, round.Year, $"满意度调查答卷-{round.Year}-{name}.xlsx", definition,
            readable.Select(c => (c.Id, c.Code, c.Name)).ToList()));
    }

    /// <summary>Writes the workbook of <paramref name="selection"/> to <paramref name="output"/>.</summary>
    public async Task WriteAsync(SurveyAnswersSelection selection, Stream output, CancellationToken cancellationToken)
    {
        using var workbook = new StreamedWorkbook();
        foreach (var questionnaire in selection.Definition.Questionnaires)
        {
            var questions = questionnaire.Themes.SelectMany(t => t.Questions).OrderBy(q => q.Number).ToList();
            var columns = new List<TableColumn> { new("县代码", 10), new("县", 12), new("群体", 10), new("提交日期", 12), new("可疑原因", 18) };
            columns.AddRange(questions.Select(q => new TableColumn($"{q.Number}. {q.Text}", q.Kind == QuestionKind.Open ? 40 : 16)));
            var sheet = workbook.AddSheet(new SheetSpec(questionnaire.Group.Name(), columns.Select(c => c.Width).ToList()) { FrozenRows = 1, FilterRow = 1, PrintTitleRows = 1, Landscape = true });
            sheet.Row(columns.Select(c => XlCell.Text(c.Header, CellStyle.Header)).ToList());
            var group = questionnaire.Group;
            foreach (var county in selection.Counties)
            {
                long last = 0;
                while (true)
                {
                    var page = await db.SurveyAnswers.AsNoTracking()
                        .Where(a => a.RoundId == selection.RoundId && a.CountyId == county.Id && a.Id > last)
                        .OrderBy(a => a.Id).Take(Page)
                        .Select(a => new { a.Id, a.Group, a.SubmittedAtUtc, a.Suspect, a.Choices }).ToListAsync(cancellationToken);
                    if (page.Count == 0) break;
                    last = page[^1].Id;
                    var mine = page.Where(a => a.Group == group).ToList();
                    if (mine.Count == 0) continue;
                    var ids = mine.Select(a => a.Id).ToList();
                    var texts = (await db.SurveyOpenAnswers.AsNoTracking().Where(o => ids.Contains(o.AnswerId))
                        .Select(o => new { o.AnswerId, o.Question, o.Text }).ToListAsync(cancellationToken)).ToLookup(o => o.AnswerId);
                    foreach (var answer in mine)
                    {
                        var choices = PackedAnswer.Parse(answer.Choices);
                        var open = texts[answer.Id].ToDictionary(o => o.Question, o => o.Text);
                        var row = new List<XlCell>
                        {
                            XlCell.Text(county.Code, CellStyle.Code), XlCell.Text(county.Name), XlCell.Text(group.Name()),
                            XlCell.Text(ChinaTime.IsoDate(ChinaTime.DateOf(new DateTimeOffset(DateTime.SpecifyKind(answer.SubmittedAtUtc, DateTimeKind.Utc))))),
                            XlCell.Text(answer.Suspect == SuspectReasons.None ? null : AnswerScreening.Describe(answer.Suspect)),
                        };
                        row.AddRange(questions.Select(q => XlCell.Text(q.Kind == QuestionKind.Open
                            ? open.GetValueOrDefault(q.Number)
                            : choices.TryGetValue(q.Number, out var chosen) ? string.Join("；", chosen.Where(o => o >= 1 && o <= q.Choices.Count).Select(o => q.Choices[o - 1])) : null,
                            q.Kind == QuestionKind.Open ? CellStyle.Wrapped : CellStyle.Default)));
                        sheet.Row(row);
                    }
                }
            }
        }

        await workbook.SaveAsync(output, cancellationToken);
    }

    /// <summary>The whole workbook as bytes (tests, small rounds).</summary>
    public async Task<byte[]> ToArrayAsync(SurveyAnswersSelection selection, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await WriteAsync(selection, buffer, cancellationToken);
        return buffer.ToArray();
    }

}
