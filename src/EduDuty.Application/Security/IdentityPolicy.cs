using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Security;

/// <summary>
/// Accounts, the same for the portal and the command line: the password policy, lockout, the user and role stores in
/// EduDuty's database, tokens, and Chinese error messages. The portal adds sign-in and cookies on top.
/// </summary>
public static class IdentityPolicy
{
    /// <summary>ASVS V6.2: length, not composition rules.</summary>
    public const int MinPasswordLength = 12;

    public const int MaxFailedAttempts = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static void Apply(IdentityOptions o)
    {
        o.Password.RequiredLength = MinPasswordLength;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 1;
        o.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
        o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
        o.Lockout.AllowedForNewUsers = true;
        o.User.RequireUniqueEmail = false;
        o.Tokens.AuthenticatorTokenProvider = TotpAuthenticator.ProviderName;
    }

    /// <summary>
    /// Registers the user and role stores with the policy. <c>Security:PasswordHashIterations</c> sets PBKDF2's iteration
    /// count for new hashes (the default of ASP.NET Core Identity unless configured; the tests set it low to stay fast).
    /// </summary>
    public static IdentityBuilder AddEduDutyIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue<int?>("Security:PasswordHashIterations") is { } iterations)
        {
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = iterations);
        }

        // Tokens (password reset) are protected with the key ring that every instance shares through the database.
        services.AddDataProtection()
            .SetApplicationName("EduDuty")
            .PersistKeysToDbContext<EduDutyDbContext>();

        return services.AddIdentityCore<AppUser>(Apply)
            .AddRoles<IdentityRole>()
            .AddUserManager<EduDutyUserManager>()
            .AddEntityFrameworkStores<EduDutyDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<TotpAuthenticator>(TotpAuthenticator.ProviderName)
            .AddPasswordValidator<PasswordRules>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>();
    }
}
