namespace EduDuty.Web.Infrastructure;

/// <summary>
/// The one rule for the portal's cookie names and flags: outside Development every cookie is __Host- (Secure, Path=/, no
/// Domain: the browser refuses it otherwise, so no subdomain can set or read it, ASVS V3.3.3); in Development the plain
/// name, so that the portal works over http://localhost.
/// </summary>
public static class CookieNames
{
    public static string For(string name, bool development) => development ? "EduDuty." + name : "__Host-EduDuty." + name;

    public static CookieSecurePolicy Secure(bool development) => development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
}
