using System.Text.Encodings.Web;
using System.Text.Unicode;
using EduDuty.Application;
using EduDuty.Application.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Web.Api;
using EduDuty.Web.Pages.Account;
using EduDuty.Web.Infrastructure.Health;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.WebEncoders;

namespace EduDuty.Web.Infrastructure;

internal static class ServiceRegistration
{
    public const string AdminPolicy = "Admin";

    /// <summary>Supervisors and admins: the pages across the counties of their region.</summary>
    public const string OversightPolicy = "Oversight";

    /// <summary>
    /// The county's and its supervisors' pages (an evaluation, rectification): every role but the department user's (issue 30),
    /// who reaches only its own pages (<see cref="DepartmentPolicy"/>), the home page, the account pages, the inbox and help.
    /// </summary>
    public const string EvaluationPolicy = "Evaluation";

    /// <summary>A department user's own pages (<c>/Departments</c>, issue 30).</summary>
    public const string DepartmentPolicy = "Department";

    /// <summary>The county lead's pages of its county (<c>/County</c>: 部门管理, issue 30, decision 0053).</summary>
    public const string CountyLeadPolicy = "CountyLead";

    /// <summary>
    /// Supervisors only (issue 31): the problem reports (<c>/Oversight/Problems</c>) go to the region's inspectors, never to the
    /// county, a department or an admin.
    /// </summary>
    public const string SupervisorPolicy = "Supervisor";

    public static void AddEduDuty(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddEduDutyApplication(builder.Configuration, builder.Environment.ContentRootPath);
        // Chinese text goes out as characters, not as &#x...; entities: readable source, a third of the bytes.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        AddIdentity(builder);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AdminPolicy, p => p.RequireRole(Core.Security.Roles.Admin))
            .AddPolicy(OversightPolicy, p => p.RequireRole(Core.Security.Roles.Oversight))
            .AddPolicy(EvaluationPolicy, p => p.RequireRole(Core.Security.Roles.All.Where(r => r != Core.Security.Roles.DepartmentOfficial)))
            .AddPolicy(DepartmentPolicy, p => p.RequireRole(Core.Security.Roles.DepartmentOfficial))
            .AddPolicy(CountyLeadPolicy, p => p.RequireRole(Core.Security.Roles.CountyLead))
            .AddPolicy(SupervisorPolicy, p => p.RequireRole(Core.Security.Roles.Supervisor))
            .AddApiPolicies();
        services.AddRazorPages(o =>
            {
                o.Conventions.AllowAnonymousToPage("/Account/Login");
                o.Conventions.AllowAnonymousToPage("/Account/LoginWithCode");
                o.Conventions.AllowAnonymousToPage("/Account/Logout");
                o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
                o.Conventions.AuthorizeFolder("/Admin", AdminPolicy);
                o.Conventions.AuthorizeFolder("/Oversight", OversightPolicy);
                o.Conventions.AuthorizeFolder("/Oversight/Problems", SupervisorPolicy);
                o.Conventions.AuthorizeFolder("/Evaluations", EvaluationPolicy);
                o.Conventions.AuthorizeFolder("/Rectification", EvaluationPolicy);
                o.Conventions.AuthorizeFolder("/Departments", DepartmentPolicy);
                o.Conventions.AuthorizeFolder("/County", CountyLeadPolicy);
                o.Conventions.AllowAnonymousToPage("/Error");
                o.Conventions.AllowAnonymousToFolder("/Public"); // 公示 and verification (decision 0033)
            })
            .AddMvcOptions(o =>
            {
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                o.Filters.Add<UnknownHandlerFilter>();
                o.Filters.Add<TextInputFilter>(); // the input rule over every bound text (decision 0028)
            });

        services.AddHealthChecks()
            .AddDbContextCheck<EduDutyDbContext>(
                "database",
                customTestQuery: (db, ct) => db.Regions.AnyAsync(ct))
            .AddCheck<FontsHealthCheck>("fonts");

        // Sign-in POSTs per client address (SignInAddressLimit) and per account (LoginThrottle), counted in the database so
        // that instances share the count. Both answer 429 with Retry-After.
        services.AddScoped<LoginThrottle>();
        services.AddPublicRateLimit(builder.Configuration);
        services.AddProblemReportRateLimit(builder.Configuration);
        services.AddSurveyRateLimit(builder.Configuration); // the public questionnaire's answers (issue 31)
        services.AddPublicOutputCache(builder.Configuration);
        services.AddSingleton<DummyPasswordHash>();

        // X-Forwarded-For/Proto are believed only from the proxies named in Security:ForwardedHeaders:KnownProxies (addresses
        // or networks such as 10.0.0.0/8), never by default — not even from loopback, where a local process or a tunnel could
        // claim any address. With no proxy named, the headers are ignored (ForwardedProxies).
        services.Configure<ForwardedHeadersOptions>(o => ForwardedProxies.Configure(o, builder.Configuration));

        // HSTS for a year with subdomains by default (ASVS V3.4.1); both configurable for a deployment that must differ.
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(builder.Configuration.GetValue("Security:Hsts:MaxAgeDays", 365));
            o.IncludeSubDomains = builder.Configuration.GetValue("Security:Hsts:IncludeSubDomains", true);
        });
        // Plain HTTP outside Development goes to HTTPS on this port (443 unless set). Without a port ASP.NET Core cannot
        // redirect behind a proxy, and a form page over plain HTTP would then fail on its Secure-only antiforgery cookie.
        services.AddHttpsRedirection(o => o.HttpsPort = builder.Configuration.GetValue("Security:HttpsPort", 443));
        // No "Server: Kestrel" banner.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

        services.AddHostedService<NotificationWorker>();
        services.AddHostedService<SurveyFillWorker>();
        services.AddHostedService<AuditAnchorWorker>();
        services.AddHostedService<ProblemContactPurgeWorker>();
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
        // The default scheme picks by path: the API token on /api (issue 29), the sign-in cookie everywhere else.
        var authentication = builder.Services.AddAuthentication(o =>
        {
            o.DefaultScheme = Api.ApiPipeline.SelectorScheme;
            o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        });
        authentication.AddIdentityCookies();
        builder.AddEduDutyApi(authentication);
        // Sessions live in the database: the cookie carries a key, and ending a session takes effect at once everywhere.
        builder.Services.AddSingleton<DatabaseTicketStore>();
        builder.Services.AddSingleton<DeviceCookie>();
        builder.Services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DatabaseTicketStore>((o, store) => o.SessionStore = store);
        // What AddIdentity would add for cookie sessions: the stamp checks that end a disabled user's sessions.
        builder.Services.TryAddScoped<ISecurityStampValidator, SecurityStampValidator<AppUser>>();
        builder.Services.TryAddScoped<ITwoFactorSecurityStampValidator, TwoFactorSecurityStampValidator<AppUser>>();

        // A disabled user or a changed password ends existing sessions within this interval.
        builder.Services.Configure<SecurityStampValidatorOptions>(o =>
            o.ValidationInterval = TimeSpan.FromSeconds(builder.Configuration.GetValue("Security:SessionRecheckSeconds", 300)));

        var development = builder.Environment.IsDevelopment();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = CookieNames.For("Auth", development);
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieNames.Secure(development);
            SessionIdle.Configure(o); // 30 minutes idle, renewed by every request after a minute; GET /Account/Session never renews
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
        });
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = CookieNames.For("Antiforgery", development);
            o.Cookie.SecurePolicy = CookieNames.Secure(development);
        });
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = CookieNames.For("TempData", development);
            o.Cookie.SecurePolicy = CookieNames.Secure(development);
            o.Cookie.SameSite = SameSiteMode.Lax;
        });
    }
}
