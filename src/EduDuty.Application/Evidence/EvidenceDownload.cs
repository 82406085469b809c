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
}
