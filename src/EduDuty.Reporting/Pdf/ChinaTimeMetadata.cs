using System.Globalization;
using PdfSharp.Pdf;

namespace EduDuty.Reporting.Pdf;

/// <summary>
/// The PDF's creation and modification dates in China time (+08'00'), from the renderer's clock. PDFsharp 6.2.4 writes them
/// with the server's time zone, so a server on UTC made a report generated at 19:43 in China read "11:43 +00'00'" in a
/// viewer's document properties. The XMP packet, which PDFsharp regenerates from these at every save, carries the same
/// instant in the server's offset.
/// </summary>
internal static class ChinaTimeMetadata
{
    public static void Apply(PdfDocument document, DateTimeOffset instant)
    {
        document.Info.Elements.SetString("/CreationDate", PdfDate(instant));
        document.Info.Elements.SetString("/ModDate", PdfDate(instant));
    }

    /// <summary>
    /// The modification date only: PDFsharp's reader sets it to the server's local "now" when it opens a file for
    /// modification (<see cref="PdfSignature"/> does, to sign it).
    /// </summary>
    public static void Modified(PdfDocument document, DateTimeOffset instant) => document.Info.Elements.SetString("/ModDate", PdfDate(instant));

    private static string PdfDate(DateTimeOffset instant) =>
        "D:" + instant.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "+08'00'";
}
