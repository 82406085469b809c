using EduDuty.Core.Messaging;
using EduDuty.Reporting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Reports;

/// <summary>
/// Bounds the work of every document rendering (decision 0029): at most <see cref="Slots"/> renderings at once (by default one
/// core fewer than the machine has, so that pages and sign-ins always keep a core), a request that finds them all busy waits
/// up to <c>Report:RenderWaitSeconds</c> (10) and is then refused with <see cref="Messages.RenderBusy"/>; a rendering that
/// runs past <c>Report:RenderBudgetSeconds</c> (30) is stopped between two pages, paragraphs, rows or files and refused with
/// <see cref="Messages.RenderTooLong"/> (both 503, both logged); a client that leaves (the request's token) just stops the
/// work — <see cref="OperationCanceledException"/> goes up to the server, which drops the response. Register as a singleton.
/// </summary>
public sealed class RenderGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly TimeProvider _clock;
    private readonly ILogger<RenderGate> _logger;

    public RenderGate(IConfiguration configuration, TimeProvider clock, ILogger<RenderGate> logger)
    {
        Slots = Math.Max(1, configuration.GetValue<int?>("Report:ConcurrentRenders") ?? Environment.ProcessorCount - 1);
        Budget = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue<double?>("Report:RenderBudgetSeconds") ?? 30));
        Wait = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue<double?>("Report:RenderWaitSeconds") ?? 10));
        _slots = new SemaphoreSlim(Slots, Slots);
        (_clock, _logger) = (clock, logger);
    }

    /// <summary>How many renderings may run at once.</summary>
    public int Slots { get; }

    /// <summary>How long one rendering may take.</summary>
    public TimeSpan Budget { get; }

    /// <summary>How long a rendering waits for a slot before it is refused.</summary>
    public TimeSpan Wait { get; }

    /// <summary>Renderings running now.</summary>
    public int Busy => Slots - _slots.CurrentCount;

    /// <summary>A synchronous rendering (a PDF, a Word document, a workbook in memory), run on the thread pool.</summary>
    /// <param name="what">What is made, for the message and the log: 报告, 数据表 …</param>
    /// <param name="observer">Hears each unit of work as it starts (tests).</param>
    /// <exception cref="OperationCanceledException"><paramref name="aborted"/> was cancelled: the client left.</exception>
    public Task<Outcome<T>> RunAsync<T>(string what, Func<RenderProgress, T> render, CancellationToken aborted, Action<int>? observer = null) =>
        RunAsync(what, (progress, token) => Task.Run(() => render(progress), token), aborted, observer, patient: false);

    /// <summary>
    /// An asynchronous rendering (a workbook or ZIP written to the response). <paramref name="patient"/>: wait for a slot as
    /// long as the client waits (the renderings inside a ZIP, whose download has begun).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="aborted"/> was cancelled: the client left.</exception>
    public async Task<Outcome<T>> RunAsync<T>(string what, Func<RenderProgress, CancellationToken, Task<T>> render, CancellationToken aborted,
        Action<int>? observer = null, bool patient = false)
    {
        if (!await EnterAsync(patient, aborted))
        {
            _logger.LogWarning("Rendering of {What} refused: all {Slots} rendering slots stayed busy for {Wait} s", what, Slots, Wait.TotalSeconds);
            return Outcome.Refused(Messages.RenderBusy(what));
        }

        try
        {
            using var budget = new CancellationTokenSource(Budget, _clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, budget.Token);
            var progress = new RenderProgress(linked.Token, observer);
            var started = _clock.GetTimestamp();
            try
            {
                return Outcome.Done(await render(progress, linked.Token));
            }
            catch (OperationCanceledException) when (budget.IsCancellationRequested && !aborted.IsCancellationRequested)
            {
                _logger.LogWarning("Rendering of {What} stopped after {Seconds:0.0} s, {Steps} units done: its budget of {Budget} s is spent",
                    what, _clock.GetElapsedTime(started).TotalSeconds, progress.Steps, Budget.TotalSeconds);
                return Outcome.Refused(Messages.RenderTooLong(what));
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                _logger.LogInformation("Rendering of {What} stopped after {Steps} units: the client left", what, progress.Steps);
                throw;
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();

    // A slot, waiting up to the configured time (measured on the clock, so tests need no real waiting), or as long as the client waits.
    private async Task<bool> EnterAsync(bool patient, CancellationToken aborted)
    {
        if (_slots.Wait(0)) return true;
        if (patient)
        {
            await _slots.WaitAsync(aborted);
            return true;
        }

        if (Wait <= TimeSpan.Zero) return false;
        using var timeout = new CancellationTokenSource(Wait, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, timeout.Token);
        try
        {
            await _slots.WaitAsync(linked.Token);
            return true;
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            return false;
        }
    }
}
