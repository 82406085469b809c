using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace EduDuty.Application.Audit;

/// <summary>
/// The signature of an anchor (decision 0045): the anchor's link hash (hex, UTF-8), signed with the deployment's signing
/// certificate's key over SHA-256 — RSA with PKCS #1 v1.5 padding, or ECDSA (IEEE P1363) — as base64. The link hash covers
/// the anchor's number, time, leaf count, Merkle root and the previous anchor's hash, so one signature vouches for the
/// anchors' whole chain up to it. Checked against the configured certificate's public key only: a signature made with any
/// other key, or none, does not pass.
/// </summary>
public static class AnchorSignature
{
    public static string Sign(X509Certificate2 certificate, string hash)
    {
        var data = Encoding.UTF8.GetBytes(hash);
        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is not null) return Convert.ToBase64String(rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        using var ecdsa = certificate.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException("The signing certificate has neither an RSA nor an ECDSA private key.");
        return Convert.ToBase64String(ecdsa.SignData(data, HashAlgorithmName.SHA256));
    }

    public static bool Verify(X509Certificate2 certificate, string hash, string signature)
    {
        var data = Encoding.UTF8.GetBytes(hash);
        var bytes = new byte[signature.Length];
        if (!Convert.TryFromBase64String(signature, bytes, out var length)) return false;
        var signed = bytes.AsSpan(0, length);
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is not null) return rsa.VerifyData(data, signed, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var ecdsa = certificate.GetECDsaPublicKey();
        return ecdsa is not null && ecdsa.VerifyData(data, signed, HashAlgorithmName.SHA256);
    }
}
