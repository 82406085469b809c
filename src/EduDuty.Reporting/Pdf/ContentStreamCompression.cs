using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;

namespace EduDuty.Reporting.Pdf;

/// <summary>
/// Deflates page content streams with .NET's zlib. PDFsharp 6.2.4's own content compression produces streams that
/// qpdf --check reports as not properly terminated, so the document is saved with that option off and this runs instead.
/// </summary>
internal static class ContentStreamCompression
{
    public static void Apply(PdfDocument document)
    {
        foreach (var page in document.Pages)
        {
            foreach (var item in page.Contents.Elements)
            {
                if ((item as PdfReference)?.Value is not PdfDictionary { Stream: { } stream } content) continue;
                if (content.Elements.ContainsKey("/Filter")) continue;

                stream.Value = FontProgramTrimming.Deflate(stream.Value);
                content.Elements.SetName("/Filter", "/FlateDecode");
            }
        }
    }
}
