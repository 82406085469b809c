using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EduDuty.Application.Reports;
using EduDuty.Data;
using EduDuty.Reporting.Pdf;
using EduDuty.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Tests;

/// <summary>
/// The report-signing certificate (issue 25): a configured PKCS #12 file; in Development, one made on first use and kept in
/// the signing directory for every later start; nothing in Production without configuration; a wrong password logged with
/// what to fix, never thrown.
/// </summary>
public sealed class SigningCertificateTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("eduduty-signing-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Signing => Path.Combine(_folder.FullName, "signing");

    private static SigningCertificate Certificate(SigningOptions options, ListLogger<SigningCertificate>? log = null) =>
        new(options, TestClock.New(), log ?? new ListLogger<SigningCertificate>());

    [Fact]
    public void Development_makes_one_certificate_on_first_use_keeps_it_private_and_a_second_instance_reuses_it()
    {
        var options = new SigningOptions(null, null, Signing, Development: true);
        var log = new ListLogger<SigningCertificate>();
        using var first = Certificate(options, log);

        Assert.False(Directory.Exists(Signing)); // nothing made before it is needed
        var made = first.Current;

        Assert.NotNull(made);
        Assert.True(made.HasPrivateKey);
        Assert.Equal(3072, made.GetRSAPublicKey()!.KeySize);
        Assert.Equal("EduDuty 报告签名（开发用）", first.Info!.CommonName);
        Assert.Equal(SigningCertificateSource.Development, first.Info.Source);
        var file = Path.Combine(Signing, SigningOptions.DevelopmentFile);
        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Signing));
        }

        Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains(file, StringComparison.Ordinal));
        Assert.Single(Directory.GetFiles(Signing));

        using var second = Certificate(options);
        Assert.Equal(first.Info.Sha256, second.Info!.Sha256);
        Assert.Equal(Convert.ToHexStringLower(made.GetCertHash(HashAlgorithmName.SHA256)), second.Info.Sha256);
        Assert.True(second.Current!.HasPrivateKey);
    }

    [Fact]
    public void A_development_certificate_made_on_a_later_clock_still_signs_on_an_earlier_one()
    {
        // Test hosts (and a demo of a past year) share one certificate while their clocks differ: one made in 2024 must sign in 2021.
        var options = new SigningOptions(null, null, Signing, Development: true);
        var later = TestClock.New();
        later.SetUtcNow(new DateTimeOffset(2024, 1, 15, 2, 0, 0, TimeSpan.Zero));
        using (var madeLater = new SigningCertificate(options, later, new ListLogger<SigningCertificate>())) Assert.NotNull(madeLater.Current);

        using var onEarlierClock = Certificate(options); // TestClock.New(): 1 November 2021
        Assert.NotNull(onEarlierClock.Current);
    }

    [Fact]
    public async Task Eight_instances_starting_together_on_an_empty_directory_end_with_one_certificate()
    {
        var options = new SigningOptions(null, null, Signing, Development: true);
        var instances = Enumerable.Range(0, 8).Select(_ => Certificate(options)).ToList();

        var fingerprints = await Task.WhenAll(instances.Select(i => Task.Run(() => i.Info?.Sha256)));
        // The ones that made a key before another's file was in place sign with theirs until they restart; the file is one.
        using var afterRestart = Certificate(options);

        Assert.All(fingerprints, f => Assert.NotNull(f));
        Assert.Contains(afterRestart.Info!.Sha256, fingerprints);
        Assert.Equal([Path.Combine(Signing, SigningOptions.DevelopmentFile)], Directory.GetFiles(Signing));
        instances.ForEach(i => i.Dispose());
    }

    [Fact]
    public void A_configured_pkcs12_file_is_loaded_with_its_password()
    {
        var path = Path.Combine(_folder.FullName, "portal.p12");
        File.WriteAllBytes(path, TestCertificates.Rsa3072.Export(X509ContentType.Pkcs12, "密码-Secret-2025"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Signing:CertificatePath"] = path,
            ["Signing:CertificatePassword"] = "密码-Secret-2025",
        }).Build();
        var options = SigningOptions.FromConfiguration(configuration, _folder.FullName, Sqlite("eduduty.db"), development: false);

        using var certificate = Certificate(options);

        Assert.NotNull(certificate.Current);
        Assert.True(certificate.Current.HasPrivateKey);
        Assert.Equal(SigningCertificateSource.Configured, certificate.Info!.Source);
        Assert.Equal(Convert.ToHexStringLower(TestCertificates.Rsa3072.GetCertHash(HashAlgorithmName.SHA256)), certificate.Info.Sha256);
        Assert.Equal("EduDuty 测试签名", certificate.Info.CommonName);
        Assert.Equal(new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero), certificate.Info.NotAfter);
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", certificate.Info.Fingerprint);
        Assert.DoesNotContain("Secret", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_password_gives_no_certificate_and_an_error_in_the_log_that_names_the_setting()
    {
        var path = Path.Combine(_folder.FullName, "portal.p12");
        File.WriteAllBytes(path, TestCertificates.Rsa3072.Export(X509ContentType.Pkcs12, "right"));
        var log = new ListLogger<SigningCertificate>();
        using var certificate = Certificate(new SigningOptions(path, "wrong", Signing, Development: true), log);

        certificate.LogStatusAtStart();

        Assert.Null(certificate.Current);
        Assert.Null(certificate.Info);
        var error = Assert.Single(log.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("Signing:CertificatePassword", error.Text, StringComparison.Ordinal);
        Assert.Contains(path, error.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", error.Text.Replace("is wrong", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Signing)); // a configured file that fails is not replaced by a Development one
    }

    [Fact]
    public void A_missing_file_or_one_without_a_private_key_gives_no_certificate()
    {
        var log = new ListLogger<SigningCertificate>();
        using var missing = Certificate(new SigningOptions(Path.Combine(_folder.FullName, "none.p12"), null, Signing, Development: false), log);
        var path = Path.Combine(_folder.FullName, "public.p12");
        using (var publicOnly = X509CertificateLoader.LoadCertificate(TestCertificates.Rsa3072.RawData))
        {
            File.WriteAllBytes(path, publicOnly.Export(X509ContentType.Pkcs12, "x"));
        }

        using var keyless = Certificate(new SigningOptions(path, "x", Signing, Development: false), log);

        Assert.Null(missing.Current);
        Assert.Null(keyless.Current);
        Assert.Contains("does not exist", missing.Problem, StringComparison.Ordinal);
        Assert.Contains("no private key", keyless.Problem, StringComparison.Ordinal);
        Assert.Equal(2, log.Entries.Count(e => e.Level == LogLevel.Error));
    }

    [Fact]
    public void Production_without_configuration_has_no_certificate_and_warns_at_start()
    {
        var log = new ListLogger<SigningCertificate>();
        using var certificate = Certificate(new SigningOptions(null, null, Signing, Development: false), log);

        certificate.LogStatusAtStart();

        Assert.Null(certificate.Current);
        var warning = Assert.Single(log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("Signing:CertificatePath", warning.Text, StringComparison.Ordinal);
        Assert.Contains("unsigned", warning.Text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Signing));
    }

    [Fact]
    public void The_signing_directory_is_beside_the_sqlite_file_or_under_data_or_where_configured()
    {
        var none = new ConfigurationBuilder().Build();
        var configured = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Signing:Directory"] = "keys/signing" }).Build();
        var root = _folder.FullName;

        Assert.Equal(Path.Combine(root, "db", "signing"), SigningOptions.FromConfiguration(none, root, Sqlite(Path.Combine(root, "db", "eduduty.db")), false).Directory);
        Assert.Equal(Path.Combine(root, "data", "signing"), SigningOptions.FromConfiguration(none, root, new DatabaseSettings(DatabaseProvider.Postgres, "Host=x"), false).Directory);
        Assert.Equal(Path.Combine(root, "data", "signing"), SigningOptions.FromConfiguration(none, root, Sqlite(":memory:"), false).Directory);
        Assert.Equal(Path.Combine(root, "keys", "signing"), SigningOptions.FromConfiguration(configured, root, Sqlite("eduduty.db"), false).Directory);
    }

    [Fact]
    public void A_pdf_signed_with_the_development_certificate_reads_back_with_its_fingerprint()
    {
        using var certificate = Certificate(new SigningOptions(null, null, Signing, Development: true));
        var pdf = OnePagePdf();

        var signed = PdfSignature.Sign(pdf, certificate.Current!, new SignatureRequest(SignatureRequest.ApprovedReason, "EduDuty", TestClock.Start));

        var signature = Assert.Single(PdfSignatureReader.Read(signed).Signatures);
        Assert.True(signature.Holds);
        Assert.Equal(certificate.Info!.Sha256, signature.CertificateSha256);
        Assert.Equal(TestClock.Start, signature.SigningTime);
    }

    private static DatabaseSettings Sqlite(string file) => new(DatabaseProvider.Sqlite, $"Data Source={file}");

    private static byte[] OnePagePdf()
    {
        using var document = new PdfSharp.Pdf.PdfDocument();
        document.AddPage();
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }
}
