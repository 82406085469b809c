using EduDuty.Core.Evidence;
using EduDuty.Core.Messaging;

namespace EduDuty.Application.Evidence;

/// <summary>A file that may be stored: the name it is kept under and what it is.</summary>
public sealed record InspectedFile(string Name, EvidenceKind Kind);

/// <summary>
/// Everything a file must pass before it is stored, wherever it is attached (an evaluation's evidence, a rectification
/// task's): the name and the content by <see cref="EvidenceContent.Inspect"/> (the one home of those rules), then, when a
/// ClamAV daemon is configured, its verdict. Invalid names the file and the reason; a daemon that cannot answer refuses
/// (not now: try again later), so that no file goes unchecked while checking is configured.
/// </summary>
public sealed class EvidenceInspection(EvidenceOptions options, ClamAvScanner scanner)
{
    public Task<Outcome<InspectedFile>> InspectAsync(EvidenceUpload upload, CancellationToken cancellationToken) =>
        InspectAsync(upload, options.MaxFileBytes, cancellationToken);

    /// <summary>The same inspection with another size limit (a scheme's official document, issue 27).</summary>
    public async Task<Outcome<InspectedFile>> InspectAsync(EvidenceUpload upload, long maxBytes, CancellationToken cancellationToken)
    {
        var name = EvidenceFileName.Clean(upload.FileName);
        var check = EvidenceContent.Inspect(name, upload.Content, maxBytes);
        if (check.Refusal is { } refusal) return Outcome.Invalid(refusal);

        var scan = await scanner.ScanAsync(upload.Content, name, cancellationToken);
        upload.Content.Position = 0;
        return scan.Verdict switch
        {
            VirusVerdict.Clean => Outcome.Done(new InspectedFile(name, check.Kind!.Value)),
            VirusVerdict.Infected => Outcome.Invalid(Messages.UploadInfected(name, scan.Signature!)),
            _ => Outcome.Refused(Messages.UploadVirusCheckUnavailable(name)),
        };
    }

    /// <summary>A not-done inspection as the answer of the use case that asked for it.</summary>
    public static Failure Why(Outcome<InspectedFile> inspected) => new(inspected.Kind, inspected.Reason, inspected.Problems, inspected.Conflicts);
}
