using EduDuty.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// What RegionScope sends to each database: the region's path as a parameter (never in the SQL text), and a row's path
/// compared as a prefix without its characters read as LIKE wildcards.
/// </summary>
public sealed class RegionScopeSqlTests
{
    private static EduDutyDbContext Context(DatabaseProvider provider)
    {
        var options = new DbContextOptionsBuilder<EduDutyDbContext>();
        new DatabaseSettings(provider, provider == DatabaseProvider.Postgres ? "Host=127.0.0.1;Database=none" : "Data Source=:memory:").Apply(options);
        return new EduDutyDbContext(options.Options);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void The_region_path_is_a_parameter_in_every_direction(DatabaseProvider provider)
    {
        using var db = Context(provider);
        const string path = "/14'%_\\/";
        var under = db.Regions.Under(r => r.Path, path).ToQueryString();
        var above = db.Regions.Above(r => r.Path, path).ToQueryString();
        var branch = db.Regions.OnBranchOf(r => r.Path, path).ToQueryString();
        var users = db.Users.Above(u => u.Region.Path, path).ToQueryString();
        foreach (var sql in new[] { under, above, branch, users })
        {
            var body = sql[(sql.IndexOf("SELECT", StringComparison.Ordinal))..];
            Assert.DoesNotContain("14'", body);
        }

        Console.WriteLine($"--- {provider} Under\n{under}\n--- Above\n{above}\n--- OnBranchOf\n{branch}\n--- Users above\n{users}");
    }
}

/// <summary>
/// RegionScope run on each database: the prefix rule in both directions, with region paths that hold the LIKE wildcards
/// (never made by the portal, whose codes are digits: a second line of defence) read as the characters they are.
/// </summary>
public abstract class RegionScopeTests<THost>(THost host) : IClassFixture<THost>
    where THost : ApplicationHost
{
    [Fact]
    public async Task Under_above_and_on_branch_of_follow_the_prefix_rule_and_read_no_wildcards()
    {
        var (under, above, branch, wildUnder, wildAbove) = await host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<EduDutyDbContext>();
            if (!await db.Regions.AnyAsync(r => r.Code == "W1"))
            {
                db.Regions.AddRange(
                    new Data.Entities.Region { Code = "W1", Name = "通配一", Level = Core.Regions.RegionLevel.City, Path = "/14%/", IsActive = true },
                    new Data.Entities.Region { Code = "W2", Name = "通配二", Level = Core.Regions.RegionLevel.City, Path = "/1408_0/", IsActive = true });
                await db.SaveChangesAsync();
            }

            var regions = db.Regions.AsNoTracking();
            return (
                await regions.Under(r => r.Path, "/140000/140800/").Select(r => r.Code).OrderBy(c => c).ToListAsync(),
                await regions.Above(r => r.Path, "/140000/140800/140823/").Select(r => r.Code).OrderBy(c => c).ToListAsync(),
                await regions.OnBranchOf(r => r.Path, "/140000/140800/").Select(r => r.Path.Length).CountAsync(),
                await regions.Under(r => r.Path, "/14%/").Select(r => r.Code).ToListAsync(),
                await regions.Above(r => r.Path, "/140800/").Select(r => r.Code).ToListAsync());
        });

        Assert.Contains("140800", under);
        Assert.Contains("140823", under);
        Assert.DoesNotContain("140000", under);
        Assert.DoesNotContain("140500", under);
        Assert.Equal(["140000", "140800", "140823"], above);
        Assert.Equal(under.Count + 1, branch);
        Assert.Equal(["W1"], wildUnder);       // "/14%/" as a LIKE pattern would match every region of the province
        Assert.Empty(wildAbove);               // "/1408_0/" as a LIKE pattern would cover "/140800/"
    }
}

public sealed class SqliteRegionScopeTests(SqliteApplicationHost host) : RegionScopeTests<SqliteApplicationHost>(host);

public sealed class PostgresRegionScopeTests(PostgresApplicationHost host) : RegionScopeTests<PostgresApplicationHost>(host);

/// <summary>The user list's region filter narrows the admin's own region and never widens it.</summary>
public abstract class UserListScopeTests<THost>(THost host) : IClassFixture<THost>
    where THost : ApplicationHost
{
    private static Actor AdminOf(string path) => new("admin-test", "测试管理员", [Core.Security.Roles.Admin], path);

    [Theory]
    [InlineData("/130000/", "140823")] // another province's admin filters by a Shanxi county
    [InlineData("/130000/", "140000")] // … by Shanxi itself
    [InlineData("/140000/140500/", "140800")] // a region beside the actor's
    public async Task A_filter_on_a_region_outside_the_admins_lists_nobody(string adminPath, string filter)
    {
        var listed = await host.WithScopeAsync(s => s.GetRequiredService<Administration.UserQueries>()
            .ListAsync(AdminOf(adminPath), new Administration.UserFilter(filter, null, null), 1));

        Assert.Equal(0, listed.Total);
        Assert.Empty(listed.Items);
    }

    [Fact]
    public async Task A_filter_on_a_region_above_the_admins_lists_only_the_admins_region()
    {
        var listed = await host.WithScopeAsync(s => s.GetRequiredService<Administration.UserQueries>()
            .ListAsync(AdminOf("/140000/140800/"), new Administration.UserFilter("140000", null, null), 1));

        Assert.NotEmpty(listed.Items);
        Assert.All(listed.Items, u => Assert.True(u.RegionCode is "140800" or "140823" or "140828", u.RegionCode));
    }
}

public sealed class SqliteUserListScopeTests(SqliteApplicationHost host) : UserListScopeTests<SqliteApplicationHost>(host);
