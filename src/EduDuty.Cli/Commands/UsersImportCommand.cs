using System.Text;
using EduDuty.Core.Administration;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Administration;
using EduDuty.Data.Entities;
using EduDuty.Data.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EduDuty.Cli.Commands;

/// <summary>
/// <c>users import &lt;file.csv&gt;</c>: creates the users of a CSV file in the portal's database (all or none) and prints each
/// one-time password once. The database is the portal's: Database__Provider and ConnectionStrings__EduDuty, as for the portal.
/// It migrates the database first, so it also brings a fresh installation its first admin.
/// </summary>
internal static class UsersImportCommand
{
    public static async Task<int> RunAsync(string path, IConfiguration configuration, TextWriter stdout, TextWriter stderr)
    {
        if (!File.Exists(path))
        {
            await stderr.WriteLineAsync($"找不到文件：{path}。请检查路径后重试。");
            return CliApp.InvalidInput;
        }

        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (DecoderFallbackException)
        {
            await stderr.WriteLineAsync("文件不是 UTF-8 编码，请另存为“CSV UTF-8”后重试。");
            return CliApp.InvalidInput;
        }

        var read = UserCsv.Read(text);
        if (!read.IsValid) return await FailAsync(read.Errors, stderr);

        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString("EduDuty")))
        {
            await stderr.WriteLineAsync("请用环境变量 ConnectionStrings__EduDuty 指定门户的数据库（PostgreSQL 还需 Database__Provider=Postgres）。");
            return CliApp.Usage;
        }

        await using var services = Services(configuration);
        await DatabaseInitializer.InitializeAsync(services, seedDemoData: false);
        await using var scope = services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var (created, errors) = await admin.CreateAsync(read.Rows, new Actor("cli", "命令行"));
        if (errors.Count > 0) return await FailAsync(errors, stderr);

        await stdout.WriteLineAsync($"已创建 {created.Count} 个用户。一次性密码只显示这一次，请转告本人，登录后须修改：");
        foreach (var user in created) await stdout.WriteLineAsync($"  {user.UserName}\t{user.DisplayName}\t{Roles.DisplayName(user.Role)}\t{user.RegionCode}\t{user.OneTimePassword}");
        return CliApp.Ok;
    }

    private static ServiceProvider Services(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFilter(_ => false));
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<EduDutyDbContext>(DatabaseSettings.FromConfiguration(configuration, Directory.GetCurrentDirectory()).Apply);
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<EduDutyDbContext>();
        services.AddScoped<ReferenceDataSeeder>();
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<UserAdministration>();
        return services.BuildServiceProvider();
    }

    private static async Task<int> FailAsync(IReadOnlyList<string> errors, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"没有创建任何用户，请先处理以下 {errors.Count} 个问题：");
        foreach (var error in errors) await stderr.WriteLineAsync($"  {error}");
        return CliApp.InvalidInput;
    }
}
