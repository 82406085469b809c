using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EduDuty.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Reports;

/// <summary>Where the signing certificate came from.</summary>
public enum SigningCertificateSource
{
    /// <summary>The deployment's PKCS #12 file (<c>Signing:CertificatePath</c>).</summary>
    Configured,

    /// <summary>Made by the portal itself in Development and kept in <c>Signing:Directory</c>.</summary>
    Development,
}

/// <summary>The signing certificate as shown to people: on the verification page, in the edition's record, in the log.</summary>
/// <param name="Sha256">SHA-256 of the certificate (DER), lowercase hex: what <c>PdfSignatureReader</c> reports of a signed file.</param>
public sealed record SigningCertificateInfo(
    string Subject,
    string CommonName,
    string Sha256,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    SigningCertificateSource Source)
{
    /// <summary>The fingerprint in pairs, as <c>openssl x509 -fingerprint -sha256</c> prints it (AB:CD:…).</summary>
    public string Fingerprint => string.Join(':', Enumerable.Range(0, Sha256.Length / 2).Select(i => Sha256.Substring(2 * i, 2).ToUpperInvariant()));
}

/// <summary>
/// Where the signing certificate is looked for: a PKCS #12 file (<c>Signing:CertificatePath</c>) with its password
/// (<c>Signing:CertificatePassword</c>, environment <c>Signing__CertificatePassword</c>); otherwise, in Development only, a
/// certificate the portal makes itself and keeps in <see cref="Directory"/> (<c>Signing:Directory</c>; by default a
/// <c>signing</c> folder beside the SQLite file, or <c>data/signing</c> under the application's folder).
/// </summary>
public sealed record SigningOptions(string? CertificatePath, string? CertificatePassword, string Directory, bool Development)
{
    public const string PathKey = "Signing:CertificatePath";
    public const string PasswordKey = "Signing:CertificatePassword";
    public const string DirectoryKey = "Signing:Directory";

    /// <summary>The file name of the Development certificate inside <see cref="Directory"/>.</summary>
    public const string DevelopmentFile = "development-signing.p12";

    public static SigningOptions FromConfiguration(IConfiguration configuration, string contentRoot, DatabaseSettings database, bool development)
    {
        var path = configuration[PathKey] is { Length: > 0 } p ? Path.GetFullPath(p, contentRoot) : null;
        var directory = configuration[DirectoryKey] is { Length: > 0 } d ? Path.GetFullPath(d, contentRoot) : DefaultDirectory(contentRoot, database);
        return new SigningOptions(path, configuration[PasswordKey], directory, development);
    }

    // Beside the SQLite file when there is one (so a copy of the data folder keeps its key), else data/signing: never in the database.
    private static string DefaultDirectory(string contentRoot, DatabaseSettings database)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            try
            {
                var source = new SqliteConnectionStringBuilder(database.ConnectionString);
                if (source.Mode != SqliteOpenMode.Memory && source.DataSource is { Length: > 0 } file && file != ":memory:"
                    && !file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
                {
                    return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file, contentRoot))!, "signing");
                }
            }
            catch (ArgumentException)
            {
                // an unreadable connection string is the database's error to report, not ours
            }
        }

        return Path.Combine(contentRoot, "data", "signing");
    }

    // The password never reaches a log or an exception message.
    public override string ToString() => $"{nameof(SigningOptions)} {{ CertificatePath = {CertificatePath}, Directory = {Directory}, Development = {Development} }}";
}

/// <summary>
/// The portal's report-signing certificate (issue 25, decision 0031), one per process (register as a singleton).
/// <see cref="Current"/> is the configured PKCS #12 certificate; without one, in Development, a self-signed RSA-3072
/// certificate made on first use and kept as a PKCS #12 file (mode 0600) in the signing directory, reused by every later
/// start and every instance on that directory; in any other environment, null — the caller then stores its edition
/// unsigned and says so. A file that cannot be read (wrong password, not PKCS #12, no private key, expired) is logged once
/// with what to fix, and <see cref="Current"/> is null; no request fails because of it.
/// </summary>
public sealed class SigningCertificate : IDisposable
{
    /// <summary>The subject of the Development certificate.</summary>
    public const string DevelopmentSubject = "CN=EduDuty 报告签名（开发用）, O=EduDuty 教育履职评价（开发环境，不可信）";

    private readonly SigningOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private bool _loaded;
    private X509Certificate2? _certificate;
    private SigningCertificateInfo? _info;
    private string? _problem;

    public SigningCertificate(SigningOptions options, TimeProvider clock, ILogger<SigningCertificate> logger)
    {
        _options = options;
        _clock = clock;
        _logger = logger;
    }

    public SigningOptions Options => _options;

    /// <summary>The certificate with its private key, or null when there is none to sign with (see <see cref="Problem"/>).</summary>
    public X509Certificate2? Current
    {
        get
        {
            EnsureLoaded();
            return _certificate;
        }
    }

    /// <summary>Subject, fingerprint and validity of <see cref="Current"/>, for display; null when there is none.</summary>
    public SigningCertificateInfo? Info
    {
        get
        {
            EnsureLoaded();
            return _info;
        }
    }

    /// <summary>Why <see cref="Current"/> is null, in English for the log and the operator (null when there is a certificate).</summary>
    public string? Problem
    {
        get
        {
            EnsureLoaded();
            return _problem;
        }
    }

    /// <summary>
    /// At start: reads a configured certificate now (so a wrong password is in the log at start, not at the first
    /// approval), warns when a deployment outside Development has none, and says where Development keeps its own (made on
    /// first use, so that starting a test host costs no key generation).
    /// </summary>
    public void LogStatusAtStart()
    {
        if (_options.CertificatePath is null && _options.Development)
        {
            _logger.LogInformation("Report signing: no certificate configured ({PathKey}); Development makes a self-signed one on first use in {Directory}",
                SigningOptions.PathKey, _options.Directory);
            return;
        }

        EnsureLoaded();
        if (_info is { } info)
        {
            _logger.LogInformation("Report signing certificate {Subject}, SHA-256 {Fingerprint}, valid {NotBefore:yyyy-MM-dd} to {NotAfter:yyyy-MM-dd}",
                info.Subject, info.Fingerprint, info.NotBefore, info.NotAfter);
        }
    }

    private void EnsureLoaded()
    {
        if (Volatile.Read(ref _loaded)) return;
        lock (_gate)
        {
            if (_loaded) return;
            try
            {
                var (certificate, source) = Load();
                if (certificate is not null)
                {
                    _certificate = certificate;
                    _info = Describe(certificate, source);
                }
            }
            finally
            {
                Volatile.Write(ref _loaded, true);
            }
        }
    }

    private (X509Certificate2?, SigningCertificateSource) Load()
    {
        if (_options.CertificatePath is { } path) return (LoadConfigured(path), SigningCertificateSource.Configured);
        if (_options.Development) return (LoadOrMakeDevelopment(), SigningCertificateSource.Development);

        Fail(LogLevel.Warning,
            $"No report signing certificate: set {SigningOptions.PathKey} to a PKCS #12 file (.p12/.pfx) and {SigningOptions.PasswordKey} " +
            "(environment Signing__CertificatePath, Signing__CertificatePassword). Until then approved editions are stored unsigned.");
        return (null, SigningCertificateSource.Configured);
    }

    private X509Certificate2? LoadConfigured(string path)
    {
        if (!File.Exists(path))
        {
            Fail(LogLevel.Error, $"The report signing certificate {path} ({SigningOptions.PathKey}) does not exist or cannot be read by this process: " +
                                 "put the PKCS #12 file there or correct the setting. Editions are stored unsigned until then.");
            return null;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, _options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            Fail(LogLevel.Error, $"The report signing certificate {path} cannot be opened: the password ({SigningOptions.PasswordKey}, environment " +
                                 $"Signing__CertificatePassword) is wrong, or the file is not PKCS #12 (.p12/.pfx), or it cannot be read ({e.GetType().Name}). " +
                                 "Editions are stored unsigned until then.");
            return null;
        }

        return Usable(certificate, path);
    }

    // A certificate we can sign with now: a private key of RSA or ECDSA, within its validity.
    private X509Certificate2? Usable(X509Certificate2 certificate, string path)
    {
        var now = _clock.GetUtcNow();
        string? problem = null;
        if (!certificate.HasPrivateKey) problem = "holds no private key: export it with its key";
        else if (certificate.GetRSAPrivateKey() is null && certificate.GetECDsaPrivateKey() is null) problem = "has a key that is neither RSA nor ECDSA";
        else if (now < certificate.NotBefore.ToUniversalTime()) problem = $"is not valid before {certificate.NotBefore:yyyy-MM-dd}";
        else if (now > certificate.NotAfter.ToUniversalTime()) problem = $"expired on {certificate.NotAfter:yyyy-MM-dd}: configure a new one";

        if (problem is null) return certificate;
        certificate.Dispose();
        Fail(LogLevel.Error, $"The report signing certificate {path} {problem}. Editions are stored unsigned until then.");
        return null;
    }

    private X509Certificate2? LoadOrMakeDevelopment()
    {
        var path = Path.Combine(_options.Directory, SigningOptions.DevelopmentFile);
        try
        {
            if (!File.Exists(path)) Make(path);
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password: null, X509KeyStorageFlags.EphemeralKeySet);
            if (_clock.GetUtcNow() > certificate.NotAfter.ToUniversalTime())
            {
                // An expired Development certificate is put aside (its signatures stay checkable by its fingerprint) and replaced.
                certificate.Dispose();
                File.Move(path, path + $".expired-{_clock.GetUtcNow():yyyyMMddHHmmss}");
                Make(path);
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password: null, X509KeyStorageFlags.EphemeralKeySet);
            }

            return Usable(certificate, path);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            Fail(LogLevel.Error, $"The Development signing certificate {path} cannot be made or read ({e.GetType().Name}: {e.Message}): " +
                                 $"delete the file to have a new one made, or set {SigningOptions.DirectoryKey} to a folder this process may write.");
            return null;
        }
    }

    // Made in a file of its own and moved into place, so that two instances starting together keep one of the two.
    private void Make(string path)
    {
        var now = _clock.GetUtcNow();
        using var key = RSA.Create(3072);
        var request = new CertificateRequest(new X500DistinguishedName(DevelopmentSubject), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        // Valid from ten years back: a Development portal whose clock is set to a past year (a demo of 2021, the tests' fake
        // clocks, several of which share one certificate) can still sign; the certificate is never trusted beyond development.
        using var certificate = request.CreateSelfSigned(now.AddYears(-10), now.AddYears(5));
        var bytes = certificate.Export(X509ContentType.Pkcs12);

        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(_options.Directory);
        else Directory.CreateDirectory(_options.Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var temporary = path + $".{Guid.NewGuid():N}.tmp";
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(temporary, create))
        {
            file.Write(bytes);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
            _logger.LogWarning("Report signing: made a self-signed Development certificate {Path}. Never use it in production: verifiers cannot trust it", path);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary); // another instance made it first: use theirs
        }
    }

    private void Fail(LogLevel level, string problem)
    {
        _problem = problem;
        _logger.Log(level, "{Problem}", problem);
    }

    private static SigningCertificateInfo Describe(X509Certificate2 certificate, SigningCertificateSource source) => new(
        certificate.Subject,
        certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false),
        Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256)),
        new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
        new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
        source);

    public void Dispose() => _certificate?.Dispose();
}
