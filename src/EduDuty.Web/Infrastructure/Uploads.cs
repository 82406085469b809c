namespace EduDuty.Web.Infrastructure;

public static class Uploads
{
    /// <summary>
    /// The uploaded file as text (UTF-8, or UTF-16 with its byte-order mark: <see cref="Core.Text.TextFile"/>), or null when it
    /// is neither (a file saved by Excel as ANSI/GBK, UTF-16 without its mark).
    /// </summary>
    public static async Task<string?> ReadUtf8Async(IFormFile file, CancellationToken cancellationToken)
    {
        await using var stream = file.OpenReadStream();
        return (await Core.Text.TextFile.DecodeAsync(stream, cancellationToken)).Text;
    }
}
