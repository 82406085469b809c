using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace EduDuty.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database the portal uses: <c>Database:Provider</c> = Sqlite (default) | Postgres, and
/// <c>ConnectionStrings:EduDuty</c> to override the connection. Without an override, SQLite lives in
/// <c>data/eduduty.db</c> under the application's folder, which is created when missing.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string SqliteMigrationsAssembly = "EduDuty.Data.Sqlite";
    public const string PostgresMigrationsAssembly = "EduDuty.Data.Postgres";

    public static DatabaseSettings FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var providerText = configuration["Database:Provider"];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(providerText)) provider = DatabaseProvider.Sqlite;
        else if (!Enum.TryParse(providerText, ignoreCase: true, out provider) || !Enum.IsDefined(provider))
        {
            throw new InvalidOperationException(
                $"配置项 Database:Provider 的值 “{providerText}” 无效：请设为 Sqlite 或 Postgres。");
        }

        var connectionString = configuration.GetConnectionString("EduDuty");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new InvalidOperationException(
                    "使用 PostgreSQL 时必须设置连接字符串 ConnectionStrings:EduDuty（例如环境变量 ConnectionStrings__EduDuty）。");
            }

            var folder = Path.Combine(contentRoot, "data");
            Directory.CreateDirectory(folder);
            connectionString = $"Data Source={Path.Combine(folder, "eduduty.db")}";
        }

        return new DatabaseSettings(provider, connectionString);
    }

    public void Apply(DbContextOptionsBuilder options)
    {
        switch (Provider)
        {
            case DatabaseProvider.Postgres:
                options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                options.UseSqlite(ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly));
                break;
        }
    }

    // The connection string may hold a password: keep it out of logs and exception messages.
    public override string ToString() => Provider.ToString();
}
