namespace EduDuty.Web.Infrastructure;

/// <summary>QR codes as PNG data URIs (allowed by every page's CSP, <c>img-src data:</c>): the two-factor enrolment, the public verification link.</summary>
public static class QrCodes
{
    public static string PngDataUri(string text, int pixelsPerModule = 6)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCoder.QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new QRCoder.PngByteQRCode(data).GetGraphic(pixelsPerModule));
    }
}
