namespace EduDuty.Reporting.Layout;

/// <summary>
/// Where the 署名 and the 成文日期 of a document that takes a seal go (GB/T 9704-2012 7.3.5.1), for the PDF and the Word file
/// alike: the date four characters from the right edge of the type area, the 署名 centred over the date, never past the edge.
/// </summary>
public static class SignatureBlock
{
    /// <summary>Characters between the date's end and the type area's right edge (右空四字).</summary>
    public const int DateRightChars = 4;

    /// <returns>The left edges of the 署名 and the date, from the type area's left edge.</returns>
    public static (double Signature, double Date) Place(double signatureWidth, double dateWidth, double characterWidth, double typeAreaWidth)
    {
        var date = typeAreaWidth - (DateRightChars * characterWidth) - dateWidth;
        var signature = Math.Min(date + ((dateWidth - signatureWidth) / 2), typeAreaWidth - signatureWidth);
        return (Math.Max(0, signature), Math.Max(0, date));
    }
}
