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
        Assert.Contains("用户名 prov.admin 不可用", againErrors);
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

    [Theory]
    [InlineData("\"王\n伟\"")] // a line break inside a quoted field
    [InlineData("王\u0007伟")] // a bell
    [InlineData("王伟\u202E")] // a right-to-left override, which would turn the names after it around on screen
    public async Task A_display_name_with_a_line_break_or_an_invisible_character_is_refused_and_nobody_is_created(string displayName)
    {
        var csv = Path.Combine(_dir, "names.csv");
        await File.WriteAllTextAsync(csv, $"username,display_name,role,region_code\nok.user,李明,Admin,140000\nbad.name,{displayName},Admin,140000\n");

        var (code, stdout, stderr) = await Run("users", "import", csv);

        Assert.Equal(1, code);
        Assert.Contains("姓名中含有换行或不可见的控制字符", stderr);
        Assert.Contains("没有创建任何用户", stderr);
        Assert.Equal(string.Empty, stdout);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private Task<(int Code, string Stdout, string Stderr)> Run(params string[] args) => CliRunner.RunAsync(Database, args);
}
