using EduDuty.Application.Evaluations.Figures;
using EduDuty.Core.Messaging;

namespace EduDuty.Application;

/// <summary>The five answers a use case gives.</summary>
public enum OutcomeKind
{
    /// <summary>It happened; <see cref="Outcome{T}.Value"/> is what came of it.</summary>
    Done,

    /// <summary>The input is not well formed: <see cref="Outcome{T}.Problems"/> name each field; nothing changed.</summary>
    Invalid,

    /// <summary>Someone else changed it first: <see cref="Outcome{T}.Conflicts"/> say what and who; nothing changed.</summary>
    Conflict,

    /// <summary>The rules say no (<see cref="Outcome{T}.Reason"/>: never for this user, or not now); nothing changed.</summary>
    Refused,

    /// <summary>There is no such thing for this user (outside their region it does not exist either).</summary>
    NotFound,
}

/// <summary>One problem of an invalid input: where (a form field, a row, a cell; empty for the whole input) and what is wrong.</summary>
public sealed record FieldProblem(string Field, string Text);

/// <summary>
/// What every use case returns. Pages, the command line and the API each map it to a status and a text in one place
/// (<c>Web/Infrastructure/OutcomeResponses</c>, <c>Cli/CliOutcomes</c>); no caller picks a status by hand.
/// </summary>
public sealed record Outcome<T>
{
    internal Outcome(OutcomeKind kind, T? value, string? note, Message? reason, IReadOnlyList<FieldProblem>? problems, IReadOnlyList<Conflict>? conflicts)
    {
        Kind = kind;
        Value = value;
        Note = note;
        Reason = reason;
        Problems = problems ?? [];
        Conflicts = conflicts ?? [];
    }

    public OutcomeKind Kind { get; }

    public T? Value { get; }

    /// <summary>For a done outcome: what to tell the user (“已保存 3 项”), when the use case has something to say.</summary>
    public string? Note { get; }

    /// <summary>Why it was refused, not found or in conflict, from the catalogue (<see cref="Messages"/>).</summary>
    public Message? Reason { get; }

    public IReadOnlyList<FieldProblem> Problems { get; }

    public IReadOnlyList<Conflict> Conflicts { get; }

    public bool IsDone => Kind == OutcomeKind.Done;

    /// <summary>The text a user reads when it was not done: the reason, else the problems joined.</summary>
    public string? Refusal => Kind == OutcomeKind.Done ? null : Reason?.Text ?? (Problems.Count > 0 ? string.Join("；", Problems.Select(p => p.Text)) : null);

    public static implicit operator Outcome<T>(Failure failure) => new(failure.Kind, default, null, failure.Reason, failure.Problems, failure.Conflicts);
}

/// <summary>A not-done answer before its value type is known: converts to any <see cref="Outcome{T}"/>.</summary>
public readonly record struct Failure(OutcomeKind Kind, Message? Reason, IReadOnlyList<FieldProblem>? Problems, IReadOnlyList<Conflict>? Conflicts);

/// <summary>A done outcome with nothing more to say than that it happened.</summary>
public readonly record struct Unit
{
    public static readonly Unit Value = default;
}

/// <summary>How use cases answer: <c>return Outcome.Done(value)</c>, <c>return Outcome.Refused(Messages.ApprovedLock)</c> …</summary>
public static class Outcome
{
    public static Outcome<T> Done<T>(T value, string? note = null) => new(OutcomeKind.Done, value, note, null, null, null);

    public static Outcome<Unit> Done() => new(OutcomeKind.Done, Unit.Value, null, null, null, null);

    /// <summary>Done, with what to tell the user. Not an overload of <c>Done</c>: <c>Done("…")</c> would read a string value as the note.</summary>
    public static Outcome<Unit> DoneSaying(string note) => new(OutcomeKind.Done, Unit.Value, note, null, null, null);

    public static Failure Refused(Message reason) => new(OutcomeKind.Refused, reason, null, null);

    public static Failure NotFound(Message? reason = null) => new(OutcomeKind.NotFound, reason, null, null);

    public static Failure Conflict(Message reason, IReadOnlyList<Conflict>? conflicts = null) => new(OutcomeKind.Conflict, reason, null, conflicts);

    public static Failure Invalid(IReadOnlyList<FieldProblem> problems) => new(OutcomeKind.Invalid, null, problems, null);

    public static Failure Invalid(string field, string text) => Invalid([new FieldProblem(field, text)]);

    /// <summary>Invalid at one field with a catalogue message (its code names the problem, e.g. the API's problem type).</summary>
    public static Failure Invalid(string field, Message reason) => new(OutcomeKind.Invalid, reason, [new FieldProblem(field, reason.Text)], null);

    /// <summary>An input refused as a whole for its form (a reason too long, a target that does not exist): a catalogue message.</summary>
    public static Failure Invalid(Message reason) => new(OutcomeKind.Invalid, reason, [new FieldProblem("", reason.Text)], null);
}
