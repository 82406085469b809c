using System.IO.Compression;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Cli.Tests;

/// <summary><c>rollup</c> and <c>reports</c> over a demo database where 闻喜 has the golden figures.</summary>
public sealed class OversightCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eduduty-cli-").FullName;

    [Fact]
    public async Task Rollup_writes_the_citys_report_and_reports_zips_every_countys_pdf()
    {
        var database = await TemplateDatabases.NewSqliteAsync();
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:EduDuty"] = $"Data Source={database};Pooling=False",
            }).Build();
            await CliRunner.SeedGoldenWenxiAsync(configuration);
            var docx = Path.Combine(_dir, "运城.docx");
            var zip = Path.Combine(_dir, "运城.zip");

            var (rollup, rollupOut, rollupErr) = await CliRunner.RunAsync(configuration, "rollup", "--year", "2021", "--region", "140800", "--out", docx);
            var (reports, _, reportsErr) = await CliRunner.RunAsync(configuration, "reports", "--year", "2021", "--region", "140800", "--out", zip);
            var (wrongType, _, wrongTypeErr) = await CliRunner.RunAsync(configuration, "rollup", "--year", "2021", "--region", "140800", "--out", Path.Combine(_dir, "a.txt"));
            var (unknown, _, unknownErr) = await CliRunner.RunAsync(configuration, "reports", "--year", "2021", "--region", "990000", "--out", zip + ".x");

            Assert.True(rollup == 0, rollupErr);
            Assert.Contains("运城市 2021 年度综合报告", rollupOut);
            using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(docx, false))
            {
                var text = word.MainDocumentPart!.Document!.Body!.InnerText;
                Assert.Contains("本年度应参评县（市、区）5个", text);
                Assert.Contains("闻喜县", text); // the golden file's failing indicators name it
            }

            Assert.True(reports == 0, reportsErr);
            using (var archive = ZipFile.OpenRead(zip))
            {
                Assert.Equal(5, archive.Entries.Count);
                Assert.Contains(archive.Entries, e => e.FullName == "闻喜县2021年度履行教育职责自评报告.pdf");
                Assert.All(archive.Entries, e => Assert.True(e.Length > 10_000, e.FullName));
            }

            Assert.Equal(1, wrongType);
            Assert.Contains(".pdf 或 .docx", wrongTypeErr);
            Assert.Equal(1, unknown);
            Assert.Contains("990000 不存在", unknownErr);
            Assert.False(File.Exists(zip + ".x"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(database);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
