namespace EduDuty.Core.Messaging;

/// <summary>
/// What a refusal means for the one who asked: <see cref="Forbidden"/> — this user may never do it here (their role, their
/// region); <see cref="NotNow"/> — the user may do it, but not in the evaluation's present state (locked, late, not yet
/// submitted, something missing); <see cref="Unavailable"/> — nothing is wrong with the request, but the server will not do
/// it now (every rendering slot busy, the time budget spent): try again later. Pages answer 403, 409 and 503; the API's
/// problem types follow the same split. <see cref="Stale"/> — the caller's condition on the version it read no longer holds
/// (an API <c>If-Match</c>: 412); <see cref="ConditionRequired"/> — the write must name the version it is based on and did not
/// (428). Both are the API's alone (issue 29): the pages send their versions in the form.
/// </summary>
public enum RefusalKind
{
    Forbidden,
    NotNow,
    Unavailable,
    Stale,
    ConditionRequired,
}

/// <summary>
/// A message a user reads: a stable code (for logs, tests, the CLI and the API's problem type) and its Chinese text, made
/// only by <see cref="Messages"/>, the one catalogue. <see cref="Args"/> are the values the text was made with, by name.
/// </summary>
public sealed record Message
{
    internal Message(string code, string text, RefusalKind kind = RefusalKind.NotNow, IReadOnlyDictionary<string, string>? args = null)
    {
        Code = code;
        Text = text;
        Kind = kind;
        Args = args ?? Empty;
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    public string Code { get; }

    public string Text { get; }

    /// <summary>When this message refuses something: whether the user may never do it, or not now.</summary>
    public RefusalKind Kind { get; }

    public IReadOnlyDictionary<string, string> Args { get; }

    public override string ToString() => Text;
}
