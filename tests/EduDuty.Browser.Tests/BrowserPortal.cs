using System.Net;
using EduDuty.Data;
using EduDuty.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EduDuty.Browser.Tests;

/// <summary>The portal on real Kestrel (loopback, free port) with its own SQLite file, plus a headless Debian Chromium.</summary>
public class BrowserPortal : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private string _database = string.Empty;
    private IPlaywright? _playwright;

    public BrowserPortal()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>闻喜县 starts empty unless a test class walks the portal as the demo shows it.</summary>
    protected virtual bool PrefillFigures => false;

    public string RootUri => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static string Artifacts
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("EDUDUTY_ARTIFACTS") is { Length: > 0 } a ? a : Path.Combine(RepositoryPaths.Root, "artifacts");
            Directory.CreateDirectory(Path.Combine(path, "screenshots"));
            return Path.Combine(path, "screenshots");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:EduDuty", $"Data Source={_database}");
        builder.UseSetting("Demo:PrefillFigures", PrefillFigures ? "true" : "false");
        builder.UseSetting("Notifications:Worker", "false");
        foreach (var (key, value) in TemplateDatabases.Settings) builder.UseSetting(key, value);
    }

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), "Browser tests need Debian's Chromium: apt-get install chromium (scripts/test.sh does this).");
        _database = await TemplateDatabases.NewSqliteAsync();
        StartServer();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) signed in as a demo user, on the page the sign-in leads to.</summary>
    public async Task<IPage> SignedInPageAsync(string user, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "zh-CN", AcceptDownloads = true });
        var page = await context.NewPageAsync();
        // The portal asks before steps that cannot be undone (退回, 审核通过, 重新开启, deletes); the user answers yes.
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync(RootUri + "/Account/Login");
        await page.FillAsync("#Input_UserName", user);
        await page.FillAsync("#Input_Password", "Demo-Password-2021");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#current-user")).ToBeAttachedAsync();
        return page;
    }

    public async Task<T> WithDbAsync<T>(Func<EduDutyDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<EduDutyDbContext>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
