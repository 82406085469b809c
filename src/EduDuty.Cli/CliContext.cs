using EduDuty.Application;
using EduDuty.Application.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace EduDuty.Cli;

/// <summary>
/// What every command runs with: its output streams, the configuration (the portal's keys, from the environment:
/// <c>Database__Provider</c>, <c>ConnectionStrings__EduDuty</c>, <c>Report__Fonts__Body</c>…), the clock, and the same
/// services the portal registers.
/// </summary>
public sealed class CliContext(TextWriter stdout, TextWriter stderr, IConfiguration configuration, TimeProvider clock)
{
    public TextWriter Stdout { get; } = stdout;

    public TextWriter Stderr { get; } = stderr;

    public IConfiguration Configuration { get; } = configuration;

    public TimeProvider Clock { get; } = clock;

    /// <summary>The portal's registration (data, use cases, accounts, report fonts) over this configuration.</summary>
    public ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFilter(_ => false));
        services.TryAddSingleton(Clock);
        services.AddEduDutyApplication(Configuration, Directory.GetCurrentDirectory());
        services.AddEduDutyIdentity(Configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>Null when a database is configured; otherwise says how to name it and returns the usage exit code.</summary>
    public async Task<int?> RequireDatabaseAsync()
    {
        var connectionString = Configuration.GetConnectionString("EduDuty");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Stderr.WriteLineAsync("请用环境变量 ConnectionStrings__EduDuty 指定门户的数据库（PostgreSQL 还需 Database__Provider=Postgres）。");
            return CliApp.Usage;
        }

        // Read by the provider's own parser before anything else, so that a malformed string is said in words: the parser's
        // own message quotes the part it cannot read, which may be the tail of a password (an unquoted ";" inside it).
        try
        {
            _ = string.Equals(Configuration["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase)
                ? new Npgsql.NpgsqlConnectionStringBuilder(connectionString)
                : (System.Data.Common.DbConnectionStringBuilder)new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            await Stderr.WriteLineAsync("数据库连接字符串 ConnectionStrings__EduDuty 的格式不正确：请写成“键=值”并用分号分隔；值中含有分号或引号时（例如密码），请把整个值放在双引号内。");
            return CliApp.Usage;
        }

        return null;
    }
}
