namespace EduDuty.Application.Tests;

/// <summary>Race tests' one way of running attempts at the same moment.</summary>
internal static class AtOnce
{
    /// <summary>
    /// Runs every attempt at the same moment: each prepares what a page would have (its scope, its loaded evaluation), waits at
    /// the gate until all are prepared, and then acts.
    /// </summary>
    public static async Task<IReadOnlyList<T>> RunAsync<T>(int count, Func<int, Func<Task>, Task<T>> attempt)
    {
        var waiting = 0;
        var prepared = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task Gate()
        {
            if (Interlocked.Increment(ref waiting) == count) prepared.SetResult();
            return go.Task;
        }

        var attempts = Enumerable.Range(0, count).Select(i => Task.Run(() => attempt(i, Gate))).ToList();
        await Task.WhenAny(prepared.Task, Task.WhenAll(attempts)).WaitAsync(TimeSpan.FromMinutes(2));
        go.TrySetResult();
        return await Task.WhenAll(attempts).WaitAsync(TimeSpan.FromMinutes(5));
    }
}
