using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EduDuty.Testing;

/// <summary>Self-signed signing certificates for tests, made once per test run (an RSA-3072 key takes a moment).</summary>
public static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> Portal = new(() => Create("EduDuty 测试签名", RSA.Create(3072)));

    /// <summary>CN=EduDuty 测试签名, O=EduDuty 测试, RSA-3072, valid 2020–2040.</summary>
    public static X509Certificate2 Rsa3072 => Portal.Value;

    /// <summary>A self-signed certificate for digital signatures with <paramref name="key"/> (RSA or ECDSA).</summary>
    public static X509Certificate2 Create(string commonName, AsymmetricAlgorithm key)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName("EduDuty 测试");
        subject.AddCommonName(commonName);
        var request = key switch
        {
            RSA rsa => new CertificateRequest(subject.Build(), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => new CertificateRequest(subject.Build(), ec, HashAlgorithmName.SHA256),
            _ => throw new ArgumentException("RSA or ECDSA", nameof(key)),
        };
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        return request.CreateSelfSigned(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }
}
