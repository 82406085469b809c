using System.Diagnostics;
using EduDuty.Testing;

namespace EduDuty.Web.Tests.Deployment;

/// <summary>Lints docker-compose.yml with Debian's docker-compose, which validates without a Docker engine.</summary>
public sealed class ComposeFileTests
{
    private static string ComposeFile => Path.Combine(RepositoryPaths.Root, "docker-compose.yml");

    [Fact]
    public async Task Compose_file_is_valid()
    {
        var (code, stderr) = await LintAsync(ComposeFile);

        Assert.True(code == 0, stderr);
    }

    [Fact]
    public async Task Compose_refuses_to_start_without_a_database_password()
    {
        var (code, stderr) = await LintAsync(ComposeFile, password: null);

        Assert.NotEqual(0, code);
        Assert.Contains("set EDUDUTY_DB_PASSWORD", stderr);
    }

    [Fact]
    public async Task Linter_rejects_a_broken_copy_so_the_check_above_means_something()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"compose-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(ComposeFile)).Replace("depends_on:", "depnds_on:"));
        try
        {
            var (code, stderr) = await LintAsync(broken);

            Assert.NotEqual(0, code);
            Assert.Contains("depnds_on", stderr);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public async Task App_waits_for_a_healthy_database_and_keeps_it_in_a_named_volume()
    {
        var text = await File.ReadAllTextAsync(ComposeFile);

        Assert.Contains("image: postgres:16", text);
        Assert.Contains("condition: service_healthy", text);
        Assert.Contains("eduduty-db:/var/lib/postgresql/data", text);
        Assert.Contains("healthcheck:", text);
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "Dockerfile"));
        Assert.Contains("fonts-arphic-uming", dockerfile);
        Assert.Contains("dotnet/aspnet:10.0", dockerfile);
    }

    private static async Task<(int Code, string Stderr)> LintAsync(string file, string? password = "a-test-secret")
    {
        const string tool = "/usr/bin/docker-compose";
        Assert.True(File.Exists(tool), "docker-compose is missing: install Debian's package (apt-get install docker-compose); scripts/test.sh does this.");
        var psi = new ProcessStartInfo(tool, ["-f", file, "config", "-q"])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        psi.Environment.Remove("EDUDUTY_DB_PASSWORD");
        if (password is not null) psi.Environment["EDUDUTY_DB_PASSWORD"] = password;
        using var process = Process.Start(psi)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, stderr);
    }
}
