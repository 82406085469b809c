using EduDuty.Application;
using EduDuty.Core.Messaging;

namespace EduDuty.Web.Api.Endpoints;

/// <summary>Refusals the API itself gives before a handler runs (a header, a flag, a query parameter): a catalogue message named at its field.</summary>
public static class ApiOutcomes
{
    /// <summary>Invalid at <paramref name="field"/> with the catalogue's message (its code becomes the problem's type).</summary>
    public static Failure Invalid(string field, Message message) => Outcome.Invalid(field, message);

    /// <summary>
    /// A not-done outcome whose problems name no field (a file refused as a whole) named at <paramref name="field"/>, the part of
    /// the request that carried it; problems that name a field keep it.
    /// </summary>
    public static Outcome<T> AtField<T>(Outcome<T> outcome, string field) =>
        outcome.Problems.Count == 0 || outcome.Problems.All(p => p.Field.Length > 0)
            ? outcome
            : new Failure(outcome.Kind, outcome.Reason, outcome.Problems.Select(p => p.Field.Length > 0 ? p : p with { Field = field }).ToList(), outcome.Conflicts);
}

/// <summary>How the evaluation operations document their problem answers (decision 0050).</summary>
public static class EvaluationDocs
{
    /// <summary>
    /// The problem responses an operation documents: <paramref name="statuses"/> and 401, 403 and 429, which every operation
    /// can answer, as <see cref="ApiProblem"/> in problem+json (the record <see cref="ApiProblems"/> writes).
    /// </summary>
    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses.Concat([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests]).Distinct().Order())
            builder.Produces<ApiProblem>(status, ApiProblems.ContentType);
        return builder;
    }
}
