using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Messaging;

namespace EduDuty.Application.Evidence;

/// <summary>What a write through the <see cref="ContentWriter"/> whose own step answers an <see cref="Outcome{T}"/> came to.</summary>
internal static class ContentOutcomes
{
    /// <param name="moved">Said when a row's version moved under the save (the writer logged it).</param>
    public static Outcome<T> Of<T>(ContentWrite<Outcome<T>> write, Message moved) => write.Status switch
    {
        // Written, or not written because the step itself answered a failure (a version moved, the quota is full).
        ContentWriteStatus.Written or ContentWriteStatus.NotWritten => write.Value!,
        ContentWriteStatus.Conflict => Outcome.Conflict(moved),
        // Refused by the rules or the claim, or the database refused the save (SaveFailed, logged by the executor).
        _ => Outcome.Refused(write.Reason ?? Messages.SaveFailed),
    };
}
