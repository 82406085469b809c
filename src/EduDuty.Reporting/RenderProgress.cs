namespace EduDuty.Reporting;

/// <summary>
/// How a rendering is stopped and watched. A renderer calls <see cref="Step"/> between its units of work — a PDF's pages,
/// a Word document's paragraphs and table rows, a workbook's rows, a ZIP's files — and <see cref="Check"/> inside longer
/// stretches (a PDF's paragraphs and table rows, the steps of saving): each throws <see cref="OperationCanceledException"/> once
/// the token is cancelled (the client left, or the time budget is spent), so no rendering runs on after nobody waits for it.
/// The observer hears the number of each unit as it starts (tests count the pages rendered; nothing else needs it).
/// </summary>
public sealed class RenderProgress(CancellationToken cancellation, Action<int>? observer = null)
{
    /// <summary>Renders to the end (the command line, tests that do not stop anything).</summary>
    public static RenderProgress None => new(CancellationToken.None);

    public CancellationToken Cancellation => cancellation;

    /// <summary>Units started so far.</summary>
    public int Steps { get; private set; }

    /// <summary>Before a unit of work: stop when asked to, else count it and tell the observer.</summary>
    public void Step()
    {
        cancellation.ThrowIfCancellationRequested();
        Steps++;
        observer?.Invoke(Steps);
    }

    /// <summary>Inside a unit of work: stop when asked to.</summary>
    public void Check() => cancellation.ThrowIfCancellationRequested();
}
