using System.Text;

namespace EduDuty.Web.Infrastructure;

public static class Uploads
{
    /// <summary>The uploaded file as text, or null when it is not valid UTF-8 (a file saved by Excel as ANSI/GBK, say).</summary>
    public static async Task<string?> ReadUtf8Async(IFormFile file, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true));
        try
        {
            return await reader.ReadToEndAsync(cancellationToken);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
