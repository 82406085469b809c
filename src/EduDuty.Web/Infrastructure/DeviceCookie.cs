using System.Security.Cryptography;
using System.Text.Json;
using EduDuty.Application.Security;
using EduDuty.Data.Entities;
using Microsoft.AspNetCore.DataProtection;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// The browser's half of <see cref="TrustedDevices"/>: a protected, HTTP-only cookie listing which users signed in from this
/// browser and under which device id. A shared office computer holds several officials; the most recent
/// <see cref="MaxUsers"/> are kept. A cookie that does not unprotect (forged, from another key ring) counts as none.
/// </summary>
public sealed class DeviceCookie(IDataProtectionProvider protection, IWebHostEnvironment environment)
{
    private const int MaxUsers = 5;
    private readonly IDataProtector _protector = protection.CreateProtector("EduDuty.DeviceCookie.v1");
    private readonly string _name = CookieNames.For("Device", environment.IsDevelopment());
    private readonly bool _development = environment.IsDevelopment();

    public string? DeviceFor(HttpContext context, string userId) =>
        Read(context).FirstOrDefault(e => e.UserId == userId)?.DeviceId;

    /// <summary>The device id this browser holds for a user name as typed (before the account is looked up).</summary>
    public string? DeviceForName(HttpContext context, string? userName) =>
        Read(context).FirstOrDefault(e => e.UserName == EduDuty.Application.Security.SignInLimits.Normalize(userName))?.DeviceId;

    public void Remember(HttpContext context, AppUser user, string deviceId)
    {
        var entries = Read(context).Where(e => e.UserId != user.Id)
            .Prepend(new Entry(user.Id, EduDuty.Application.Security.SignInLimits.Normalize(user.UserName), deviceId)).Take(MaxUsers).ToList();
        context.Response.Cookies.Append(_name, _protector.Protect(JsonSerializer.Serialize(entries)), new CookieOptions
        {
            HttpOnly = true,
            Secure = !_development || context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            MaxAge = TrustedDevices.Lifetime,
            IsEssential = true,
        });
    }

    private List<Entry> Read(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(_name, out var value) || string.IsNullOrEmpty(value)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<Entry>>(_protector.Unprotect(value))?.Where(e => e is { UserId: not null, UserName: not null, DeviceId: not null }).ToList() ?? [];
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            return [];
        }
    }

    private sealed record Entry(string UserId, string UserName, string DeviceId);
}
