using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EduDuty.Application.Surveys;
using EduDuty.Core.Security;
using EduDuty.Core.Surveys;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// The two Excel exports of a round (issue 31, part E), read back cell by cell and compared with part C's hand-counted fixture
/// (<see cref="SurveyResultsTests{THost}.SeedFixtureAsync"/>), on both databases.
/// </summary>
public abstract class SurveyExportTests<THost> : IAsyncLifetime
    where THost : ApplicationHost, new()
{
    private readonly THost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task The_results_workbook_equals_the_hand_count()
    {
        var roundId = await SurveyResultsTests<THost>.SeedFixtureAsync(_host);
        var supervisor = await ViewerAsync("yuncheng.supervisor", Roles.Supervisor);

        var file = await _host.WithScopeAsync(s => s.GetRequiredService<SurveyResultsExport>().HandleAsync(roundId, null, supervisor, default));

        Assert.True(file.IsDone, file.Refusal);
        Assert.Equal("满意度调查结果-2021-运城市.xlsx", file.Value!.FileName);
        var rows = Read(file.Value.Content)["调查结果"];
        Assert.Equal("县代码|县|群体|层级|主题|题号|题目|选项|人数|占比（%）|满意度指数（%）|n|误差（± 个百分点）|说明", string.Join("|", rows[0]));
        string?[] Find(string county, string group, string level, string? number = null, string? option = null) =>
            rows.Single(r => r[1] == county && r[2] == (group == "" ? null : group) && r[3] == level && (number is null || r[5] == number) && (option is null || r[7] == option));

        // 闻喜县 overall: 8 / 12 = 66.7 %, n = 6; margin 1.96·√(2/3·1/3/6) = 37.7 points; 4 + 2 counted, one suspect.
        var wenxi = Find("闻喜县", "", "县");
        Assert.Equal((6m, 66.7m, 6m, 37.7m), (D(wenxi[8]), D(wenxi[10]), D(wenxi[11]), D(wenxi[12])));
        Assert.Contains("另有可疑答卷 1 份", wenxi[13]);
        // The public group: 4 counted, 6 / 9 = 66.7 %, n = 4.
        var pub = Find("闻喜县", "社会人士", "群体");
        Assert.Equal((4m, 66.7m, 4m), (D(pub[8]), D(pub[10]), D(pub[11])));
        // Q3: answered by 4, 2 / 3 = 66.7 %, n = 3; its options 1, 1, 0, 1, 0, 1 and shares 25 %, 25 %, 0, 25 %, 0, 25 %.
        var q3 = Find("闻喜县", "社会人士", "题目", "3");
        Assert.Equal((4m, 66.7m, 3m), (D(q3[8]), D(q3[10]), D(q3[11])));
        Assert.Equal([1m, 1m, 0m, 1m, 0m, 1m], rows.Where(r => r[1] == "闻喜县" && r[2] == "社会人士" && r[3] == "选项" && r[5] == "3").Select(r => D(r[8])));
        Assert.Equal([25m, 25m, 0m, 25m, 0m, 25m], rows.Where(r => r[1] == "闻喜县" && r[2] == "社会人士" && r[3] == "选项" && r[5] == "3").Select(r => D(r[9])));
        // Q11 (multiple): option 1 chosen by 2 of 3 → 66.7 %.
        var q11 = rows.Where(r => r[1] == "闻喜县" && r[2] == "社会人士" && r[3] == "选项" && r[5] == "11").ToList();
        Assert.Equal((2m, 66.7m), (D(q11[0][8]), D(q11[0][9])));
        // Q5 nobody answered: the index is empty with 无有效答卷, never 0; its options have no share.
        var q5 = Find("闻喜县", "社会人士", "题目", "5");
        Assert.Equal((0m, null, null, null), (D(q5[8]), q5[10], q5[11], q5[12]));
        Assert.Contains(SatisfactionIndex.UnknownText, q5[13]);
        // Students of 闻喜县 and the whole of 万荣县: unknown.
        Assert.Null(Find("闻喜县", "学生", "群体")[10]);
        var wanrong = Find("万荣县", "", "县");
        Assert.Equal((0m, null), (D(wanrong[8]), wanrong[10]));
        Assert.Contains(SatisfactionIndex.UnknownText, wanrong[13]);
        // 夏县: one sheet, 0 % — known, so 0 is written.
        Assert.Equal((1m, 0m), (D(Find("夏县", "", "县")[8]), D(Find("夏县", "", "县")[10])));
    }

    [Fact]
    public async Task The_answer_sheets_workbook_has_one_row_per_sheet_in_words()
    {
        var roundId = await SurveyResultsTests<THost>.SeedFixtureAsync(_host);
        await _host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<EduDutyDbContext>();
            var first = await db.SurveyAnswers.Where(a => a.RoundId == roundId && db.Regions.Any(r => r.Id == a.CountyId && r.Code == "140823") && a.Group == SurveyGroup.Public).OrderBy(a => a.Id).FirstAsync();
            db.SurveyOpenAnswers.Add(new SurveyOpenAnswer { AnswerId = first.Id, Question = 13, Text = "=食堂 价格偏高" });
            return await db.SaveChangesAsync();
        });
        var supervisor = await ViewerAsync("yuncheng.supervisor", Roles.Supervisor);

        var bytes = await _host.WithScopeAsync(async s =>
        {
            var export = s.GetRequiredService<SurveyAnswersExport>();
            var selection = await export.PrepareAsync(roundId, null, supervisor, default);
            Assert.True(selection.IsDone, selection.Refusal);
            return await export.ToArrayAsync(selection.Value!, default);
        });

        var sheets = Read(bytes);
        Assert.Equal(["社会人士", "教师", "学生"], sheets.Keys);
        var pub = sheets["社会人士"];
        Assert.Equal("县代码|县|群体|提交日期|可疑原因", string.Join("|", pub[0].Take(5)));
        Assert.StartsWith("3. ", pub[0][7]);
        // 闻喜县's five public sheets (one suspect) and 夏县's one, in county-code then arrival order.
        Assert.Equal("闻喜县|闻喜县|闻喜县|闻喜县|闻喜县|夏县", string.Join("|", pub.Skip(1).Select(r => r[1])));
        var first = pub[1];
        // Sent at 11:01 China time on 1 November 2021: the day only.
        Assert.Equal(("2021-11-01", null), (first[3], first[4]));
        Assert.Equal("满意", first[7]);
        Assert.Equal("比较满意", first[8]);
        var q11 = pub[0].ToList().FindIndex(h => h!.StartsWith("11. ", StringComparison.Ordinal));
        // P11's first two options in the example survey file.
        Assert.Equal("学校布局和办学条件；教师队伍", first[q11]);
        // The open text, kept as text (the leading = is not a formula).
        var q13 = pub[0].ToList().FindIndex(h => h!.StartsWith("13. ", StringComparison.Ordinal));
        Assert.Equal("=食堂 价格偏高", first[q13]);
        Assert.Equal(AnswerScreening.Describe(SuspectReasons.Honeypot), pub[5][4]);
        Assert.Equal(3, sheets["教师"].Count);
        Assert.Single(sheets["学生"]);
    }

    [Fact]
    public async Task A_county_user_is_refused_the_answer_sheets_and_reads_only_their_results()
    {
        var roundId = await SurveyResultsTests<THost>.SeedFixtureAsync(_host);
        var (wenxiId, xiaId) = await _host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<EduDutyDbContext>();
            return (await db.Regions.Where(r => r.Code == "140823").Select(r => r.Id).SingleAsync(), await db.Regions.Where(r => r.Code == "140828").Select(r => r.Id).SingleAsync());
        });
        var official = await ViewerAsync("wenxi.official", Roles.CountyOfficial);

        var answers = await _host.WithScopeAsync(s => s.GetRequiredService<SurveyAnswersExport>().PrepareAsync(roundId, wenxiId, official, default));
        var own = await _host.WithScopeAsync(s => s.GetRequiredService<SurveyResultsExport>().HandleAsync(roundId, wenxiId, official, default));
        var other = await _host.WithScopeAsync(s => s.GetRequiredService<SurveyResultsExport>().HandleAsync(roundId, xiaId, official, default));

        Assert.Equal(OutcomeKind.Refused, answers.Kind);
        Assert.Equal("survey-answers-only-oversight", answers.Reason?.Code);
        Assert.True(own.IsDone);
        Assert.Equal("闻喜县", Assert.Single(Read(own.Value!.Content)["调查结果"].Skip(1).Select(r => r[1]).Distinct()));
        Assert.Equal((OutcomeKind.NotFound, "survey-round-not-found"), (other.Kind, other.Reason?.Code)); // another county is as if it did not exist
    }

    /// <summary>Every sheet's rows as text (numbers as written, empty cells null), columns in place.</summary>
    public static Dictionary<string, List<string?[]>> Read(byte[] workbook)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var part = document.WorkbookPart!;
        var result = new Dictionary<string, List<string?[]>>();
        foreach (var sheet in part.Workbook.Sheets!.Elements<Sheet>())
        {
            var data = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!;
            var rows = new List<string?[]>();
            foreach (var row in data.Elements<Row>())
            {
                var cells = row.Elements<Cell>().ToList();
                var width = cells.Count == 0 ? 0 : cells.Max(c => Column(c.CellReference!));
                var values = new string?[width];
                foreach (var cell in cells)
                    values[Column(cell.CellReference!) - 1] = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text;
                rows.Add(values);
            }

            result[sheet.Name!] = rows;
        }

        return result;
    }

    private static decimal? D(string? text) => text is null ? null : decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static int Column(string reference) => reference.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => n * 26 + c - 'A' + 1);

    private Task<SurveyViewer> ViewerAsync(string userName, string role) => _host.WithScopeAsync(async s =>
    {
        var user = await s.GetRequiredService<EduDutyDbContext>().Users.Include(u => u.Region).SingleAsync(u => u.UserName == userName);
        return new SurveyViewer([role], user.Region.Path);
    });
}

public sealed class SqliteSurveyExportTests : SurveyExportTests<SqliteApplicationHost>;

public sealed class PostgresSurveyExportTests : SurveyExportTests<PostgresApplicationHost>;
