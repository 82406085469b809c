using EduDuty.Core.Messaging;

namespace EduDuty.Core.Text;

/// <summary>
/// The one rule for a free-text reason, opinion or note a user gives with a decision (审核意见, 退回理由, 评定理由, 核定理由 …):
/// at most <c>max</c> characters and no invisible control characters. Empty is the caller's question (some reasons are
/// required, some optional).
/// </summary>
public static class ReasonText
{
    /// <summary>Null when the text may be stored as it is; else the message naming <paramref name="what"/>.</summary>
    public static Message? Check(string? text, string what, int max) =>
        text is { } given && (given.Length > max || PlainText.HasControlCharacters(given)) ? Messages.ReasonInvalid(what, max) : null;
}
