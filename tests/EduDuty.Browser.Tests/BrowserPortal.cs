using System.Net;
using EduDuty.Data;
using EduDuty.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

// The journeys' portal, the page tour and the two small checks all at once: the first two are long and wait on Chromium.
[assembly: Xunit.CollectionBehavior(MaxParallelThreads = 4)]

namespace EduDuty.Browser.Tests;

/// <summary>
/// The portal on real Kestrel (loopback, free port) with its own SQLite file and a fake clock at <see cref="TestClock.Start"/>,
/// driven by the assembly's one headless Chromium (<see cref="Chromium"/>). One portal serves every class of the
/// <see cref="Collection"/> collection: the first test of each class finds the database as the template has it and the clock
/// at its start (<see cref="BeginTestAsync"/>).
/// </summary>
public class BrowserPortal : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Collection = "Browser portal";

    private readonly RestartableClock _clock = new();
    private string _database = string.Empty;
    private Type? _testClass;

    public BrowserPortal()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>闻喜县 starts empty unless a test class walks the portal as the demo shows it.</summary>
    protected virtual bool PrefillFigures => false;

    /// <summary>The portal's clock: tests read "now" from it and advance it to let time pass.</summary>
    public FakeTimeProvider Clock => _clock.Current;

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
        builder.UseSetting("Survey:FillWorker", "false");
        // The journeys sign in many times from one address within one minute of the fake clock.
        builder.UseSetting("Security:LoginAttemptsPerMinute", "10000");
        builder.UseSetting("Security:LoginAttemptsPerAccountPerMinute", "10000");
        foreach (var (key, value) in TemplateDatabases.Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(_clock);
        });
    }

    public async Task InitializeAsync()
    {
        _database = await TemplateDatabases.NewSqliteAsync();
        StartServer();
        Browser = await Chromium.SharedAsync();
    }

    /// <summary>
    /// Called before every test: when the class changes, the database is the template again and the clock back at its start.
    /// </summary>
    public async Task BeginTestAsync(Type testClass)
    {
        if (_testClass == testClass) return;
        if (_testClass is not null) await TemplateDatabases.ResetSqliteAsync(_database);
        _clock.Restart();
        _testClass = testClass;
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
        // The browser is the assembly's (Chromium): its contexts end with their tests, the process with the test run.
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}

/// <summary>The classes that share one <see cref="BrowserPortal"/>, one after another.</summary>
[CollectionDefinition(BrowserPortal.Collection)]
public sealed class BrowserPortalCollection : ICollectionFixture<BrowserPortal>;

/// <summary>A class of the <see cref="BrowserPortal.Collection"/> collection: each starts from the template database.</summary>
public abstract class BrowserTests(BrowserPortal portal) : IAsyncLifetime
{
    protected BrowserPortal Portal { get; } = portal;

    public Task InitializeAsync() => Portal.BeginTestAsync(GetType());

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// One headless Chromium for the whole test assembly, launched by the first test that needs it; every test works in browser
/// contexts of its own (own cookies), so sharing the process shares no state. It ends with the test process. Debian's
/// chromium-headless-shell: the same Blink as the full browser, built for headless use only, which drives these tests on
/// about 40 % less CPU than the full browser's headless mode.
/// </summary>
public static class Chromium
{
    public const string Path = "/usr/bin/chromium-headless-shell";

    private static readonly Lazy<Task<IBrowser>> Shared = new(LaunchAsync);

    public static Task<IBrowser> SharedAsync() => Shared.Value;

    private static async Task<IBrowser> LaunchAsync()
    {
        Assert.True(File.Exists(Path), "Browser tests need Debian's headless Chromium: apt-get install chromium-headless-shell (scripts/test.sh does this).");
        var playwright = await Playwright.CreateAsync();
        // The driver (and with it Chromium) stops when the test process ends; closing it first is tidier.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => playwright.Dispose();
        return await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }
}
