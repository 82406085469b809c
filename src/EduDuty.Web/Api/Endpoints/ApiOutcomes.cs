using EduDuty.Application;
using EduDuty.Core.Messaging;

namespace EduDuty.Web.Api.Endpoints;

/// <summary>Refusals the API itself gives before a handler runs (a header, a flag, a query parameter): a catalogue message named at its field.</summary>
public static class ApiOutcomes
{
    /// <summary>
    /// A not-done outcome whose problems name no field (a file refused as a whole) named at <paramref name="field"/>, the part of
    /// the request that carried it; problems that name a field keep it.
    /// </summary>
    public static Outcome<T> AtField<T>(Outcome<T> outcome, string field) =>
        outcome.Problems.Count == 0 || outcome.Problems.All(p => p.Field.Length > 0)
            ? outcome
            : new Failure(outcome.Kind, outcome.Reason, outcome.Problems.Select(p => p.Field.Length > 0 ? p : p with { Field = field }).ToList(), outcome.Conflicts);
}
