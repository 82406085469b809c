using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using EduDuty.Application;
using EduDuty.Application.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Web.Pages.Account;
using EduDuty.Web.Infrastructure.Health;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.WebEncoders;

namespace EduDuty.Web.Infrastructure;

internal static class ServiceRegistration
{
    public const string LoginRateLimit = "login";
    public const string AdminPolicy = "Admin";

    public static void AddEduDuty(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddEduDutyApplication(builder.Configuration, builder.Environment.ContentRootPath);
        // Chinese text goes out as characters, not as &#x...; entities: readable source, a third of the bytes.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        AddIdentity(builder);

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

        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddValidatorsFromAssemblyContaining<LoginInputValidator>(includeInternalTypes: true);
    }

    private static void AddIdentity(WebApplicationBuilder builder)
    {
        // The accounts as the command line has them (policy, stores), plus sign-in and its cookies.
        builder.Services.AddEduDutyIdentity(builder.Configuration)
            .AddClaimsPrincipalFactory<EduDutyClaimsPrincipalFactory>()
            .AddSignInManager<EduDutySignInManager>();
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        // What AddIdentity would add for cookie sessions: the stamp checks that end a disabled user's sessions.
        builder.Services.TryAddScoped<ISecurityStampValidator, SecurityStampValidator<AppUser>>();
        builder.Services.TryAddScoped<ITwoFactorSecurityStampValidator, TwoFactorSecurityStampValidator<AppUser>>();

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
