using System.IO.Compression;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Report;
using EduDuty.Application.Excel;
using EduDuty.Application.Exports;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Reporting.Streams;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Reports;

/// <summary>
/// Every county's self-evaluation report of a region and year as one ZIP, one PDF per county named as its own download names
/// it ("夏县2021年度履行教育职责自评报告.pdf"; in a folder per city when the region has several). Written to the response while
/// the reports are made: each county is read and built here in turn while up to one rendering per core runs behind
/// <see cref="ReportPdf"/>'s gate, and finished PDFs are written in county order, so at most a few are held at a time. Each
/// PDF has the gate's time budget and waits for a slot as long as the client waits; a client that leaves stops the work. A
/// PDF refused by the gate ends the ZIP: nothing more is sent (not even the archive's directory, so a stopped download never
/// looks complete), and the outcome says why — the page shows it when nothing had been sent yet.
/// </summary>
public sealed class CountyReportsZip(EduDutyDbContext db, WorkspaceLoader loader, Editions.ReportDownloads downloads, TimeProvider clock)
{
    public static string FileName(CountiesExport selection) => $"{selection.RegionName}{selection.Year}年度各县自评报告.zip";

    /// <summary>How many evaluations the ZIP would hold.</summary>
    public Task<int> CountAsync(CountiesExport selection, CancellationToken cancellationToken) => Evaluations(selection).CountAsync(cancellationToken);

    /// <param name="observer">Hears each file as it is added to the archive (tests).</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled: the client left.</exception>
    public async Task<Outcome<Unit>> WriteAsync(Actor actor, CountiesExport selection, Stream output, CancellationToken cancellationToken, Action<int>? observer = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var progress = new Reporting.RenderProgress(cancellationToken, observer);
        var counties = await Evaluations(selection).OrderBy(e => e.County.Code)
            .Select(e => new { e.Id, City = e.County.Parent == null ? null : e.County.Parent.Name }).ToListAsync(cancellationToken);
        var folders = counties.Select(c => c.City).Distinct().Count() > 1;
        var window = Environment.ProcessorCount * 2; // renders in flight: every core busy while one finished PDF is written
        var pending = new Queue<(string Name, Task<Outcome<byte[]>> Pdf)>();
        Outcome<byte[]>? refused = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken); // ends the renderings still in flight after a refusal
        var names = new UniqueNames(); // two counties of one name (城区 of two cities in one folder) get "… (2).pdf"

        var sink = new AsyncSink(output);
        await using (var archive = await ZipArchive.CreateAsync(sink, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            foreach (var county in counties)
            {
                if (await loader.LoadAsync(county.Id, actor, cancellationToken) is not { } workspace) continue; // outside the actor's region
                var name = ReportPage.FileName(workspace, "pdf");
                // A submitted or approved county's stored edition; a draft rendered now.
                var make = await downloads.PrepareArchivePdfAsync(workspace, cancellationToken);
                pending.Enqueue((names.Claim(folders ? $"{county.City}/{name}" : name), make(stop.Token)));
                while (refused is null && pending.Count >= window) await WriteNextAsync(archive);
                if (refused is not null) break;
            }

            while (refused is null && pending.Count > 0) await WriteNextAsync(archive);
            if (refused is not null)
            {
                sink.Discard();
                await stop.CancelAsync();
                await Task.WhenAll(pending.Select(p => p.Pdf)).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        if (refused is { } failure) return Outcome.Refused(failure.Reason!);
        await sink.FlushAsync(cancellationToken);
        return Outcome.Done();

        async Task WriteNextAsync(ZipArchive archive)
        {
            var (name, render) = pending.Dequeue();
            var rendered = await render;
            if (!rendered.IsDone)
            {
                refused = rendered;
                return;
            }

            progress.Step();
            var bytes = rendered.Value!;
            var entry = archive.CreateEntry(name, CompressionLevel.NoCompression); // the PDFs' streams are compressed already
            entry.LastWriteTime = ChinaTime.ToChina(clock.GetUtcNow());
            await using var target = await entry.OpenAsync(cancellationToken);
            await target.WriteAsync(bytes, cancellationToken);
        }

    }

    private IQueryable<Data.Entities.Evaluation> Evaluations(CountiesExport selection) => db.Evaluations.AsNoTracking()
        .Where(e => e.Year == selection.Year && e.SchemeId == selection.SchemeId).Under(e => e.County.Path, selection.RegionPath);
}
