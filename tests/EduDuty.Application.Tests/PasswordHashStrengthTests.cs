using EduDuty.Application.Security;
using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// Start-up got faster by hashing the demo password once (issue 28), never by a weaker hasher: the portal's accounts, as
/// Production configures them (no Security:PasswordHashIterations), hash with ASP.NET Core Identity's full PBKDF2 strength.
/// </summary>
public sealed class PasswordHashStrengthTests
{
    [Fact]
    public void Production_configuration_hashes_with_the_full_strength_pbkdf2_hasher()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddEduDutyIdentity(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();
        var hasher = provider.GetRequiredService<IPasswordHasher<AppUser>>();

        var hash = Convert.FromBase64String(hasher.HashPassword(new AppUser { UserName = "x", DisplayName = "x" }, DemoPasswordText));

        Assert.IsType<PasswordHasher<AppUser>>(hasher);
        Assert.Equal(0x01, hash[0]); // format v3
        Assert.Equal(2u, ReadBigEndian(hash, 1)); // HMAC-SHA512
        Assert.Equal(100_000u, ReadBigEndian(hash, 5)); // Identity's default for v3 (OWASP's figure for PBKDF2-HMAC-SHA512 is 210,000: at least this)
    }

    private const string DemoPasswordText = Demo.DemoData.DemoPassword;

    private static uint ReadBigEndian(byte[] bytes, int at) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at, 4));
}
