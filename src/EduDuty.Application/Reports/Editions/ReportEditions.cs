using System.Reflection;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Report;
using EduDuty.Core.Messaging;
using EduDuty.Core.Reports;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Reporting.Layout;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Reports.Editions;

/// <summary>An edition as lists show it: its label (已提交 第2版, 审核通过版（第2版）), when, by whom, the files' hashes.</summary>
public sealed record EditionInfo(long Id, int Number, EditionKind Kind, DateTime CreatedAtUtc, string CreatedBy, string PdfHash, string DocxHash,
    string? SignerSubject, string? SignerThumbprint, string? Opinion)
{
    public string Label => Labels.Of(Kind, Number);
}

/// <summary>How editions are named, in one place.</summary>
public static class Labels
{
    public static string Of(EditionKind kind, int number) => kind == EditionKind.Approved ? $"审核通过版（第{number}版）" : $"已提交 第{number}版";

    /// <summary>A signing certificate's name as people read it: its CN (the whole subject when it has none).</summary>
    public static string Signer(string subject) =>
        new System.Security.Cryptography.X509Certificates.X500DistinguishedName(subject).EnumerateRelativeDistinguishedNames()
            .FirstOrDefault(n => n.GetSingleElementType().Value == "2.5.4.3")?.GetSingleElementValue() ?? subject;
}

/// <summary>
/// Freezes the report at submission and approval (decision 0030) and reads the frozen editions back. Freezing runs inside
/// the step's transaction, after the evaluation is claimed and its state moved: what is frozen is what is stored at that
/// moment, and a rendering that fails (the server is busy, lacks fonts) rolls the whole step back.
/// </summary>
public sealed class ReportEditions(EduDutyDbContext db, WorkspaceLoader loader, ReportPage reports, ReportPdf pdf, EditionSigning signing)
{
    /// <summary>The portal's version, as the edition records it.</summary>
    public static string SoftwareVersion { get; } =
        typeof(ReportEditions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion is { } v
            ? v.Length > 64 ? v[..64] : v
            : "unknown";

    /// <summary>Freezes submission N+1 from what is stored now. Call inside the submission's transaction, after the state moved.</summary>
    internal async Task<Outcome<ReportEdition>> FreezeSubmissionAsync(int evaluationId, Actor actor, DateTime at, CancellationToken cancellationToken)
    {
        var workspace = await loader.LoadAsync(evaluationId, actor, cancellationToken)
            ?? throw new InvalidOperationException($"Evaluation {evaluationId} vanished inside its own submission.");
        var number = await NextNumberAsync(evaluationId, cancellationToken);
        return await FreezeAsync(workspace, actor, at, EditionKind.Submitted, number, null, "提交", cancellationToken);
    }

    /// <summary>
    /// Freezes the approved edition: the latest submitted edition's content and files plus the opinion, its PDF signed by the
    /// portal when a signing certificate is configured. An evaluation submitted before editions existed is frozen now.
    /// </summary>
    internal async Task<Outcome<ReportEdition>> FreezeApprovalAsync(int evaluationId, Actor actor, string? opinion, DateTime at, CancellationToken cancellationToken)
    {
        // The submission being approved is the newest edition when it is a submitted one; otherwise (submitted before
        // editions existed, or no submission since the last approval) it is frozen now, under the next number.
        var submitted = await db.ReportEditions.AsNoTracking().Where(e => e.EvaluationId == evaluationId)
            .OrderByDescending(e => e.Id).FirstOrDefaultAsync(cancellationToken);
        if (submitted is not { Kind: EditionKind.Submitted })
        {
            var workspace = await loader.LoadAsync(evaluationId, actor, cancellationToken)
                ?? throw new InvalidOperationException($"Evaluation {evaluationId} vanished inside its own approval.");
            return await FreezeAsync(workspace, actor, at, EditionKind.Approved, await NextNumberAsync(evaluationId, cancellationToken), opinion, "审核通过", cancellationToken);
        }

        var snapshot = EditionSnapshot.FromJson(submitted.Snapshot) with { Opinion = opinion };
        var json = snapshot.ToJson();
        var signed = await signing.SignAsync(submitted.Pdf, at, cancellationToken);
        var edition = new ReportEdition
        {
            EvaluationId = evaluationId, Number = submitted.Number, Kind = EditionKind.Approved, CreatedAtUtc = at,
            CreatedByUserId = actor.Id, CreatedByName = actor.DisplayName, SchemeCode = submitted.SchemeCode,
            SchemeVersion = submitted.SchemeVersion, SchemeHash = submitted.SchemeHash, SoftwareVersion = SoftwareVersion,
            Snapshot = json, SnapshotHash = EditionSnapshot.Sha256(json), Reading = submitted.Reading,
            Pdf = signed.Pdf, PdfHash = EditionSnapshot.Sha256(signed.Pdf), Docx = submitted.Docx, DocxHash = submitted.DocxHash,
            SignerSubject = signed.Subject, SignerThumbprint = signed.Thumbprint, Opinion = opinion,
        };
        db.ReportEditions.Add(edition);
        return Outcome.Done(edition);
    }

    // Numbers count the submissions; an approval frozen without its submission's edition takes a number of its own.
    private async Task<int> NextNumberAsync(int evaluationId, CancellationToken cancellationToken) =>
        1 + (await db.ReportEditions.Where(e => e.EvaluationId == evaluationId).MaxAsync(e => (int?)e.Number, cancellationToken) ?? 0);

    private async Task<Outcome<ReportEdition>> FreezeAsync(
        Workspace workspace, Actor actor, DateTime at, EditionKind kind, int number, string? opinion, string step, CancellationToken cancellationToken)
    {
        var document = await reports.DocumentAsync(workspace, cancellationToken);
        Outcome<byte[]> rendered;
        try
        {
            rendered = await pdf.RenderAsync(document, cancellationToken, patient: true);
        }
        catch (ReportFontsMissingException)
        {
            return Outcome.Refused(Messages.EditionFontsMissing(step));
        }

        if (!rendered.IsDone) return Outcome.Refused(rendered.Reason!);
        var word = await pdf.RenderDocxAsync(document, cancellationToken);
        if (!word.IsDone) return Outcome.Refused(word.Reason!);
        var pdfBytes = rendered.Value!;
        var signed = kind == EditionKind.Approved ? await signing.SignAsync(pdfBytes, at, cancellationToken) : new SignedPdf(pdfBytes, null, null);

        var snapshot = await SnapshotAsync(workspace, opinion, cancellationToken);
        var json = snapshot.ToJson();
        var edition = new ReportEdition
        {
            EvaluationId = workspace.Id, Number = number, Kind = kind, CreatedAtUtc = at, CreatedByUserId = actor.Id,
            CreatedByName = actor.DisplayName, SchemeCode = snapshot.Scheme.Code, SchemeVersion = snapshot.Scheme.Version,
            SchemeHash = snapshot.Scheme.Hash, SoftwareVersion = SoftwareVersion, Snapshot = json, SnapshotHash = EditionSnapshot.Sha256(json),
            Reading = EditionSnapshot.ReadingJson(ReportReading.Of(document)),
            Pdf = signed.Pdf, PdfHash = EditionSnapshot.Sha256(signed.Pdf), Docx = word.Value!, DocxHash = EditionSnapshot.Sha256(word.Value!),
            SignerSubject = signed.Subject, SignerThumbprint = signed.Thumbprint, Opinion = opinion,
        };
        db.ReportEditions.Add(edition);
        return Outcome.Done(edition);
    }

    private async Task<EditionSnapshot> SnapshotAsync(Workspace workspace, string? opinion, CancellationToken cancellationToken)
    {
        var names = workspace.UserNames;
        var figures = workspace.FigureRows.Values.OrderBy(r => r.FieldCode, StringComparer.Ordinal)
            .Select(r => new EditionFigure(r.FieldCode, r.ToValue()?.ToInvariantString(), r.Version,
                r.UpdatedByUserId is { } id && names.TryGetValue(id, out var name) ? name : null))
            .ToList();
        var texts = workspace.Narratives.Values.OrderBy(n => n.AreaKey, StringComparer.Ordinal).Select(n => new EditionText(n.AreaKey, n.Text)).ToList();
        var settings = await db.ReportSettings.AsNoTracking().SingleOrDefaultAsync(r => r.EvaluationId == workspace.Id, cancellationToken);
        if (settings is not null)
        {
            void Add(string key, string? text)
            {
                if (text is not null) texts.Add(new EditionText(key, text));
            }

            Add("报告.发文单位", settings.Issuer);
            Add("报告.主送", settings.Addressee);
            Add("报告.日期", settings.Date is { } d ? Core.Text.ChinaTime.IsoDate(d) : null);
            Add("报告.整改情况导语", settings.RectificationLead);
            Add("报告.存在问题导语", settings.ProblemsLead);
            Add("报告.存在问题", settings.ProblemsJson);
            Add("报告.工作计划导语", settings.PlansLead);
            Add("报告.工作计划", settings.PlansJson);
        }

        var evidence = await db.EvidenceFiles.AsNoTracking().Where(f => f.EvaluationId == workspace.Id)
            .OrderBy(f => f.UploadedAtUtc).ThenBy(f => f.Id)
            .Select(f => new { f.FieldCode, f.AreaKey, f.Title, f.FileName, f.Length, f.ContentHash })
            .ToListAsync(cancellationToken);
        return new EditionSnapshot(
            workspace.County, workspace.Year, new EditionScheme(workspace.Scheme.Code, workspace.Scheme.Version, workspace.SchemeHash), SoftwareVersion,
            figures, texts,
            evidence.Select(f => new EditionEvidence(f.FieldCode ?? f.AreaKey ?? "整体", f.Title, f.FileName, f.Length, f.ContentHash)).ToList(),
            opinion);
    }
}

/// <summary>Reads the frozen editions back: the list a report page shows and a stored file.</summary>
public sealed class EditionQueries(EduDutyDbContext db)
{
    /// <summary>The evaluation's editions, newest first.</summary>
    public async Task<IReadOnlyList<EditionInfo>> ListAsync(int evaluationId, CancellationToken cancellationToken) =>
        await db.ReportEditions.AsNoTracking().Where(e => e.EvaluationId == evaluationId)
            .OrderByDescending(e => e.Id)
            .Select(e => new EditionInfo(e.Id, e.Number, e.Kind, e.CreatedAtUtc, e.CreatedByName, e.PdfHash, e.DocxHash, e.SignerSubject, e.SignerThumbprint, e.Opinion))
            .ToListAsync(cancellationToken);

    /// <summary>An edition's stored file. <paramref name="number"/> null: the current one (the approved, else the latest submitted).</summary>
    public async Task<EditionFile?> FileAsync(int evaluationId, int? number, EditionKind? kind, ReportFormat format, CancellationToken cancellationToken)
    {
        var query = db.ReportEditions.AsNoTracking().Where(e => e.EvaluationId == evaluationId);
        if (number is { } n) query = query.Where(e => e.Number == n);
        if (kind is { } k) query = query.Where(e => e.Kind == k);
        var ordered = query.OrderByDescending(e => e.Id);
        return format == ReportFormat.Pdf
            ? await ordered.Select(e => new EditionFile(e.Number, e.Kind, e.Pdf, e.PdfHash)).FirstOrDefaultAsync(cancellationToken)
            : await ordered.Select(e => new EditionFile(e.Number, e.Kind, e.Docx, e.DocxHash)).FirstOrDefaultAsync(cancellationToken);
    }
}

public enum ReportFormat
{
    Pdf = 0,
    Docx = 1,
}

/// <summary>An edition's file as stored.</summary>
public sealed record EditionFile(int Number, EditionKind Kind, byte[] Bytes, string Sha256)
{
    public string Label => Labels.Of(Kind, Number);
}
