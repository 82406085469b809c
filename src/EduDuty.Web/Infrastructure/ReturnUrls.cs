namespace EduDuty.Web.Infrastructure;

/// <summary>
/// Where the portal goes back to after sign-in (<c>ReturnUrl</c>): only a path of this portal, judged after decoding.
/// <c>Url.IsLocalUrl</c> accepts <c>/%2F%2Fevil.example</c>, which a proxy or a browser that decodes once more turns into
/// <c>//evil.example</c>, another site. Here the value is decoded until it stops changing (at most a few rounds; a value that
/// keeps changing is refused), and every form must be a single-slash path without backslashes or control characters (a
/// browser drops tabs and line breaks from a URL, so <c>/&#9;/evil.example</c> would become <c>//evil.example</c>).
/// </summary>
public static class ReturnUrls
{
    private const int MaxRounds = 4;

    /// <returns>The value when it is a local path in every decoding, else "/".</returns>
    public static string LocalOrHome(string? returnUrl) => IsLocalPath(returnUrl) ? returnUrl! : "/";

    public static bool IsLocalPath(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Length > 2048) return false;
        var value = returnUrl;
        for (var round = 0; round <= MaxRounds; round++)
        {
            if (!IsPlainLocalPath(value)) return false;
            string decoded;
            try
            {
                decoded = Uri.UnescapeDataString(value);
            }
            catch (UriFormatException)
            {
                return false;
            }

            if (decoded == value) return true;
            value = decoded;
        }

        return false;
    }

    private static bool IsPlainLocalPath(string value) =>
        value.Length >= 1 && value[0] == '/' && (value.Length == 1 || (value[1] != '/' && value[1] != '\\'))
        && !value.Any(c => c == '\\' || char.IsControl(c));
}
