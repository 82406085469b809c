using System.Security.Cryptography;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Cli.Tests;

/// <summary>
/// <c>eduduty verify &lt;file&gt;</c> against a database with 闻喜's editions: the published file, an edition only stored, a
/// withdrawn one exit 0 saying which; a file with one byte changed exits 1; a missing file is said (exit 1), no database
/// configured is the usage (exit 2).
/// </summary>
public sealed class VerifyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eduduty-verify-").FullName;

    [Fact]
    public async Task A_published_stored_or_withdrawn_edition_exits_0_saying_which_and_a_changed_file_exits_1()
    {
        var database = await TemplateDatabases.NewSqliteAsync();
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:EduDuty"] = $"Data Source={database};Pooling=False",
            }).Build();
            // 闻喜 handed in twice; the first submission was published on 10 May 2022 and replaced, the second published and
            // then withdrawn; 夏县's first submission was published and is public now. 闻喜's approved edition was never published.
            var published = Pdf("夏县 第1版");
            var stored = Pdf("闻喜 审核通过版");
            var withdrawn = Pdf("闻喜 第2版");
            await using (var services = CliRunner.Services(configuration))
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<EduDutyDbContext>();
                var wenxi = await db.Evaluations.Where(e => e.County.Code == "140823" && e.Year == 2021).Select(e => e.Id).SingleAsync();
                var xiaxian = await db.Evaluations.Where(e => e.County.Code == "140828" && e.Year == 2021).Select(e => e.Id).SingleAsync();
                var may10 = new DateTime(2022, 5, 10, 2, 0, 0, DateTimeKind.Utc);
                var wenxi1 = Edition(wenxi, 1, EditionKind.Submitted, Pdf("闻喜 第1版"), may10.AddDays(-3));
                var wenxi2 = Edition(wenxi, 2, EditionKind.Submitted, withdrawn, may10.AddDays(-1));
                var wenxiApproved = Edition(wenxi, 2, EditionKind.Approved, stored, may10.AddDays(20));
                var xiaxian1 = Edition(xiaxian, 1, EditionKind.Submitted, published, may10.AddDays(-2));
                db.ReportEditions.AddRange(wenxi1, wenxi2, wenxiApproved, xiaxian1);
                db.ReportPublications.AddRange(
                    Publication(wenxi1, may10, ended: may10.AddDays(1), reason: null),
                    Publication(wenxi2, may10.AddDays(1), ended: may10.AddDays(5), reason: "数据有误，更正后重新公示"),
                    Publication(xiaxian1, may10, ended: null, reason: null));
                await db.SaveChangesAsync();
            }

            var (publishedCode, publishedOut, _) = await CliRunner.RunAsync(configuration, "verify", Write("公示.pdf", published));
            var (storedCode, storedOut, _) = await CliRunner.RunAsync(configuration, "verify", Write("审核通过版.pdf", stored));
            var (withdrawnCode, withdrawnOut, _) = await CliRunner.RunAsync(configuration, "verify", Write("撤回.pdf", withdrawn));
            var changed = (byte[])published.Clone();
            changed[^3] ^= 0x20;
            var (changedCode, changedOut, changedErr) = await CliRunner.RunAsync(configuration, "verify", Write("改过.pdf", changed));
            var (missingCode, _, missingErr) = await CliRunner.RunAsync(configuration, "verify", Path.Combine(_dir, "没有这个文件.pdf"));

            Assert.Equal(0, publishedCode);
            Assert.StartsWith("这是夏县2021年度自评报告的公示版本（已提交 第1版，2022年5月10日公示）。", publishedOut);
            Assert.Contains("县：夏县（140828）  年度：2021  版本：已提交 第1版  文件：PDF 文件", publishedOut);
            Assert.Contains("状态：公示中  公示页面：/public/140828/2021/report", publishedOut);
            Assert.Equal(0, storedCode);
            Assert.StartsWith("这是闻喜县2021年度自评报告的真实版本（审核通过版，2022年5月30日保存于本平台），但不是公示的版本。", storedOut);
            Assert.Contains("状态：平台保存的版本，未公示", storedOut);
            Assert.Equal(0, withdrawnCode);
            Assert.StartsWith("这是闻喜县2021年度自评报告曾经公示的版本（已提交 第2版，2022年5月11日公示），已于2022年5月15日撤回，撤回理由：数据有误，更正后重新公示。", withdrawnOut);
            Assert.Equal(1, changedCode);
            Assert.Equal(string.Empty, changedOut);
            Assert.StartsWith("与任何已公示的版本都不一致。", changedErr);
            Assert.Contains($"SHA-256：{Convert.ToHexStringLower(SHA256.HashData(changed))}", changedErr);
            // A file matching no edition is not called a submitted edition: the unsigned line states only what is known.
            Assert.Contains("  数字签名：无（提交版不签名；平台配置签名证书后，审核通过版由平台签名）", changedErr);
            Assert.Equal(1, missingCode);
            Assert.StartsWith("找不到文件：", missingErr);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(database);
        }
    }

    [Fact]
    public async Task Without_a_database_it_says_how_to_name_one_and_exits_2()
    {
        var (code, _, stderr) = await CliRunner.RunAsync(new ConfigurationBuilder().Build(), "verify", Write("a.pdf", Pdf("x")));

        Assert.Equal(2, code);
        Assert.Contains("ConnectionStrings__EduDuty", stderr);
    }

    [Fact]
    public async Task A_path_that_exists_but_cannot_be_read_is_said_and_exits_1()
    {
        var database = await TemplateDatabases.NewSqliteAsync();
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:EduDuty"] = $"Data Source={database};Pooling=False",
            }).Build();
            // A socket is there (File.Exists) but no file can be opened at it, as with a file this user may not read.
            var path = Path.Combine(_dir, "报告.pdf");
            using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));

            var (code, stdout, stderr) = await CliRunner.RunAsync(configuration, "verify", path);

            Assert.Equal(1, code);
            Assert.Equal(string.Empty, stdout);
            Assert.StartsWith($"无法读取文件：{path}", stderr);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(database);
        }
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    // Bytes that stand for a report's PDF: each edition's own.
    private static byte[] Pdf(string marker) => System.Text.Encoding.UTF8.GetBytes($"%PDF-1.7\n% {marker}\n%%EOF\n");

    private static ReportEdition Edition(int evaluationId, int number, EditionKind kind, byte[] pdf, DateTime at)
    {
        var docx = System.Text.Encoding.UTF8.GetBytes($"PK word {evaluationId} {number} {kind}");
        return new ReportEdition
        {
            EvaluationId = evaluationId, Number = number, Kind = kind, CreatedAtUtc = at, CreatedByUserId = "test", CreatedByName = "测试",
            SchemeCode = "SX-2021", SchemeVersion = 1, SchemeHash = new string('0', 64), SoftwareVersion = "test", Snapshot = "{}", SnapshotHash = new string('0', 64),
            Reading = "[]", Pdf = pdf, PdfHash = Convert.ToHexStringLower(SHA256.HashData(pdf)), Docx = docx, DocxHash = Convert.ToHexStringLower(SHA256.HashData(docx)),
        };
    }

    private static ReportPublication Publication(ReportEdition edition, DateTime at, DateTime? ended, string? reason) => new()
    {
        EvaluationId = edition.EvaluationId, Edition = edition, PublishedAtUtc = at, PublishedByUserId = "test", PublishedByName = "测试",
        EndedAtUtc = ended, WithdrawnReason = reason, WithdrawnByName = reason is null ? null : "管理员",
    };

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
