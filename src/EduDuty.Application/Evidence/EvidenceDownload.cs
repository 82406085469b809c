using EduDuty.Application.Evaluations;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evidence;

/// <summary>
/// Reads an evidence file of an evaluation the user may see (the workspace is loaded by region scope; any other id is
/// null, which pages answer with 404). The content comes as a stream that fetches one stored piece at a time.
/// </summary>
public sealed class EvidenceDownload(EduDutyDbContext db, EvidenceStore store)
{
    public async Task<(EvidenceFile File, Stream Content)?> OpenAsync(Workspace workspace, int fileId, CancellationToken cancellationToken)
    {
        var file = await db.EvidenceFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId && f.EvaluationId == workspace.Id, cancellationToken);
        return file is null ? null : (file, store.Open(file.ContentHash, file.Length));
    }

    /// <summary>An earlier version of a replaced piece of this evaluation (decision 0041), as a piece under its own file name.</summary>
    public async Task<(EvidenceFile File, Stream Content)?> OpenVersionAsync(Workspace workspace, int versionId, CancellationToken cancellationToken)
    {
        var version = await (from v in db.EvidenceFileVersions.AsNoTracking()
                             join f in db.EvidenceFiles on v.EvidenceFileId equals f.Id
                             where v.Id == versionId && f.EvaluationId == workspace.Id
                             select v).SingleOrDefaultAsync(cancellationToken);
        if (version is null) return null;
        var file = new EvidenceFile
        {
            EvaluationId = workspace.Id, Title = version.Title, FileName = version.FileName, ContentHash = version.ContentHash, Length = version.Length,
            Kind = version.Kind, UploadedByUserId = "", UploadedByName = version.UploadedByName, UploadedAtUtc = version.UploadedAtUtc,
        };
        return (file, store.Open(version.ContentHash, version.Length));
    }
}
