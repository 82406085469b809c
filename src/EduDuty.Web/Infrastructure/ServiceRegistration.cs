using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Data.Seeding;
using EduDuty.Web.Pages.Account;
using EduDuty.Web.Pages.Evaluations;
using EduDuty.Web.Pages.Evaluations.Areas;
using EduDuty.Web.Pages.Evaluations.Report;
using EduDuty.Web.Pages.Evaluations.Workspace;
using EduDuty.Web.Infrastructure.Health;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.WebEncoders;

namespace EduDuty.Web.Infrastructure;

internal static class ServiceRegistration
{
    public const string LoginRateLimit = "login";
    public const string AdminPolicy = "Admin";

    public static void AddEduDuty(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var database = DatabaseSettings.FromConfiguration(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddSingleton(database);
        services.AddDbContext<EduDutyDbContext>(database.Apply);
        services.AddSingleton(TimeProvider.System);
        // Chinese text goes out as characters, not as &#x...; entities: readable source, a third of the bytes.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        AddIdentity(builder);
        services.AddDataProtection()
            .SetApplicationName("EduDuty")
            .PersistKeysToDbContext<EduDutyDbContext>();

        services.AddScoped<Data.Administration.UserAdministration>();
        services.AddScoped<Data.Administration.EvaluationYears>();
        services.AddScoped<Data.Administration.RegionAdministration>();
        services.AddScoped<Data.Administration.SchemeAdministration>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AdminPolicy, p => p.RequireRole(Core.Security.Roles.Admin));
        services.AddRazorPages(o =>
            {
                o.Conventions.AllowAnonymousToPage("/Account/Login");
                o.Conventions.AllowAnonymousToPage("/Account/Logout");
                o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
                o.Conventions.AuthorizeFolder("/Admin", AdminPolicy);
                o.Conventions.AllowAnonymousToPage("/Error");
            })
            .AddMvcOptions(o => o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true);

        services.AddHealthChecks()
            .AddDbContextCheck<EduDutyDbContext>(
                "database",
                customTestQuery: (db, ct) => db.Regions.AnyAsync(ct))
            .AddCheck<FontsHealthCheck>("fonts");

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = builder.Configuration.GetValue("Security:LoginAttemptsPerMinute", 30),
                    Window = TimeSpan.FromMinutes(1),
                }));
        });

        services.AddSingleton<StoredSchemes>();
        services.AddScoped<ReferenceDataSeeder>();
        services.AddScoped<DemoDataSeeder>();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<EvaluationQueries>();
        services.AddScoped<WorkspaceLoader>();
        services.AddScoped<FigureWriter>();
        services.AddScoped<AreaSaveHandler>();
        services.AddScoped<ImportHandler>();
        services.AddScoped<ReportTextsStore>();
        services.AddScoped<Pages.Evaluations.Review.ReviewHandler>();
        services.AddScoped<Pages.Evaluations.Comments.CommentThreads>();
        services.AddScoped<AuditTimeline>();
        services.AddSingleton<ReportPdfService>();
        services.AddValidatorsFromAssemblyContaining<LoginInputValidator>(includeInternalTypes: true);
    }

    private static void AddIdentity(WebApplicationBuilder builder)
    {
        builder.Services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                // ASVS V6.2: length, not composition rules.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<EduDutyDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<EduDutyClaimsPrincipalFactory>()
            .AddSignInManager<EduDutySignInManager>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>();

        // A disabled user or a changed password ends existing sessions within this interval.
        builder.Services.Configure<SecurityStampValidatorOptions>(o =>
            o.ValidationInterval = TimeSpan.FromSeconds(builder.Configuration.GetValue("Security:SessionRecheckSeconds", 300)));

        var development = builder.Environment.IsDevelopment();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = development ? "EduDuty.Auth" : "__Host-EduDuty.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
        });
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = development ? "EduDuty.Antiforgery" : "__Host-EduDuty.Antiforgery";
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
    }
}
