using Microsoft.Extensions.Configuration;

namespace EduDuty.Cli.Tests;

public sealed class UsersImportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eduduty-cli-").FullName;

    private IConfiguration Database => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:EduDuty"] = $"Data Source={Path.Combine(_dir, "portal.db")};Pooling=False" })
        .Build();

    [Fact]
    public async Task A_fresh_database_gets_its_first_admin_with_a_one_time_password_and_a_second_run_creates_nobody()
    {
        var csv = Path.Combine(_dir, "admins.csv");
        await File.WriteAllTextAsync(csv, "username,display_name,role,region_code\nprov.admin,省级管理员,Admin,140000\nyc.sup,运城督导,Supervisor,140800\n");

        var (code, stdout, stderr) = await Run("users", "import", csv);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains("已创建 2 个用户", stdout);
        Assert.Matches(@"prov\.admin\t省级管理员\t管理员\t140000\t[A-Za-z2-9]{16}", stdout);

        var (again, _, againErrors) = await Run("users", "import", csv);
        Assert.Equal(1, again);
        Assert.Contains("用户名 prov.admin 已存在", againErrors);
        Assert.Contains("没有创建任何用户", againErrors);
    }

    [Fact]
    public async Task A_bad_file_exits_1_with_each_row_named()
    {
        var csv = Path.Combine(_dir, "bad.csv");
        await File.WriteAllTextAsync(csv, "username,display_name,role,region_code\nx,甲,Boss,14\n");

        var (code, _, stderr) = await Run("users", "import", csv);

        Assert.Equal(1, code);
        Assert.Contains("第 2 行：用户名 “x” 无效", stderr);
        Assert.Contains("角色 “Boss” 无效", stderr);
        Assert.Contains("6 位行政区划代码", stderr);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<(int Code, string Stdout, string Stderr)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, Database);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
