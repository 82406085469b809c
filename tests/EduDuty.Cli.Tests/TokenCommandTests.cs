using System.Security.Cryptography;
using System.Text;
using EduDuty.Data;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Cli.Tests;

/// <summary>
/// <c>tokens create</c>, <c>tokens list</c>, <c>tokens revoke</c> (issue 29): the token is printed once, alone on stdout, and
/// only its hash is stored; scopes follow the user's role; list shows the prefix, never the token; revoke marks it revoked.
/// </summary>
public sealed class TokenCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eduduty-cli-").FullName;

    private IConfiguration Database => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>(TemplateDatabases.Settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
        {
            ["ConnectionStrings:EduDuty"] = $"Data Source={Path.Combine(_dir, "portal.db")};Pooling=False",
        })
        .Build();

    [Fact]
    public async Task A_token_is_printed_once_stored_as_its_hash_listed_by_prefix_and_revoked()
    {
        var csv = Path.Combine(_dir, "users.csv");
        await File.WriteAllTextAsync(csv, "username,display_name,role,region_code\nyc.sup,运城督导,Supervisor,140800\n");
        Assert.Equal(0, (await Run("users", "import", csv)).Code);

        var (code, stdout, stderr) = await Run("tokens", "create", "--user", "yc.sup", "--scope", "read,review", "--expires", "30", "--name", "督导平台");
        Assert.True(code == 0, stderr);
        var secret = stdout.Trim();
        Assert.Matches("^edt_[A-Za-z0-9_-]{43}$", secret);
        Assert.Contains("只显示这一次", stderr);
        var stored = await WithDbAsync(db => db.ApiTokens.SingleAsync());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), stored.SecretHash);
        Assert.Equal("read review", stored.Scopes);

        var (refused, _, refusedErr) = await Run("tokens", "create", "--user", "yc.sup", "--scope", "read,figures:write", "--expires", "30");
        Assert.Equal(1, refused);
        Assert.Contains("figures:write", refusedErr);
        var (unknown, _, unknownErr) = await Run("tokens", "create", "--user", "yc.sup", "--scope", "everything", "--expires", "30");
        Assert.Equal(1, unknown);
        Assert.Contains("everything", unknownErr);
        var (tooLong, _, tooLongErr) = await Run("tokens", "create", "--user", "yc.sup", "--scope", "read", "--expires", "366");
        Assert.Equal(1, tooLong);
        Assert.Contains("365", tooLongErr);

        var (listed, list, _) = await Run("tokens", "list");
        Assert.Equal(0, listed);
        Assert.Contains($"{stored.Id}\tyc.sup\t督导平台\t个人令牌\t{secret[..12]}\tread,review", list);
        Assert.DoesNotContain(secret[12..], list);

        var (revoked, revokeOut, revokeErr) = await Run("tokens", "revoke", stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(revoked == 0, revokeErr);
        Assert.Contains("已撤销", revokeOut);
        Assert.NotNull(await WithDbAsync(db => db.ApiTokens.Select(t => t.RevokedAtUtc).SingleAsync()));
        Assert.Equal(1, (await Run("tokens", "revoke", "99999")).Code);
    }

    private Task<(int Code, string Stdout, string Stderr)> Run(params string[] args) => CliRunner.RunAsync(Database, args);

    private async Task<T> WithDbAsync<T>(Func<EduDutyDbContext, Task<T>> query)
    {
        await using var services = CliRunner.Services(Database);
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<EduDutyDbContext>());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
