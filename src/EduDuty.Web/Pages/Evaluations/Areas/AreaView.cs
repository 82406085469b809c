using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Texts;
using EduDuty.Core.Years;
using EduDuty.Data.Entities;

namespace EduDuty.Web.Pages.Evaluations.Areas;

/// <summary>One row of the area form: an input with what it was based on, or a computed value, with its judgment.</summary>
public sealed record AreaRow(SchemeField Field, FieldResult Result, string? Raw, string? Base, int Version, string? Error)
{
    /// <summary>The stored value was carried from this evaluation of last year and nobody has changed it since ("来自上年").</summary>
    public int? CarriedFrom { get; init; }

    /// <summary>Where the carried value came from: last year's field of the mapping, on its own area page.</summary>
    public string? CarriedFromUrl { get; init; }

    /// <summary>
    /// The value was filled from a satisfaction survey's results (来自满意度调查, issue 31): shown read-only with its mark, since
    /// nobody may type it (the write path refuses it, <see cref="Core.Departments.FieldOwner.FromSurvey"/>).
    /// </summary>
    public bool FromSurvey { get; init; }

    /// <summary>Last year's number of the field of the same code, shown beside this year's with the change.</summary>
    public decimal? LastYearNumber { get; init; }

    public YearChange? Change => YearChange.Between(LastYearNumber, Result.DisplayNumber);

    /// <summary>The page shows it after a save that was not done, and the user typed it in that attempt (it differs from its base).</summary>
    public bool TypedNow { get; init; }

    /// <summary>
    /// Whether "只看未填" shows the row: a required input still empty, and after a refused save every row typed in that
    /// attempt or in error too (issue 27), so that the values the message says are "仍在下方" are on the screen.
    /// </summary>
    public bool ShownWhenMissingOnly(bool required) => (required && !Result.HasValue) || TypedNow || Error is not null;

    public bool IsInput => Field.Kind.IsInput();

    public string InputName => $"Form.Values[{Field.Code}]";

    public string InputId => InputIdOf(Field.Code);

    /// <summary>The id of a field's input ("f-A10-03"); its row is "row-" + this: where links to one indicator land.</summary>
    public static string InputIdOf(string code) => "f-" + code.Replace('.', '-');

    /// <summary>The link to one field of an evaluation: its area page, scrolled to its row.</summary>
    public static string UrlOf(int evaluationId, string areaKey, string code) => $"/Evaluations/{evaluationId}/Areas/{areaKey}#row-{InputIdOf(code)}";
}

/// <summary>Everything the area page shows, built from the workspace and, after a failed save, from what was posted.</summary>
public sealed class AreaView
{
    public required Workspace Workspace { get; init; }

    public required SchemeArea Area { get; init; }

    public required IReadOnlyList<AreaRow> Rows { get; init; }

    public required string Narrative { get; init; }

    public required string NarrativeBase { get; init; }

    public required int NarrativeVersion { get; init; }

    public string? NarrativeError { get; init; }

    /// <summary>The stored text with its figures filled in, for the preview under the editor.</summary>
    public RenderedText? NarrativePreview { get; init; }

    /// <summary>
    /// The plausibility findings about this area's figures (issue 26): shown beside the field they are about, or above the
    /// form when that field is in another area (a share whose total is entered under 基本情况).
    /// </summary>
    public IReadOnlyList<DataWarning> Plausibility { get; init; } = [];

    public IEnumerable<DataWarning> PlausibilityFor(string code) => Plausibility.Where(w => w.Field.Code == code);

    public IEnumerable<DataWarning> PlausibilityElsewhere => Plausibility.Where(w => w.Field.AreaKey != Area.Key);

    /// <summary>Problems of a refused save about a field not on this page (a hard rule shown in another area).</summary>
    public IReadOnlyList<(string Name, string Text)> OtherErrors { get; init; } = [];

    /// <summary>The plausibility findings (not the consistency checks, which are rows of their own) reading a field of <paramref name="area"/>.</summary>
    public static IReadOnlyList<DataWarning> PlausibilityOf(EvaluationResult result, SchemeArea area)
    {
        var codes = area.Fields.Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
        return result.PlausibilityWarnings.Where(w => w.Codes.Any(codes.Contains)).ToList();
    }

    public static AreaView Build(Workspace ws, SchemeArea area, AreaForm? posted = null, IReadOnlyDictionary<string, string>? errors = null,
        EvaluationResult? result = null, LastYear? lastYear = null)
    {
        result ??= ws.Result;
        var rows = RowsOf(ws, area.Fields, posted, errors, result, lastYear);

        var storedText = ws.NarrativeText(area);
        var parsed = TextTemplate.Parse(storedText, ws.Scheme);
        return new AreaView
        {
            Workspace = ws,
            Area = area,
            Rows = rows,
            Narrative = posted?.Narrative ?? storedText,
            NarrativeBase = posted?.NarrativeBase ?? storedText,
            NarrativeVersion = posted?.NarrativeVersion ?? ws.NarrativeVersion(area.Key),
            NarrativeError = errors?.GetValueOrDefault(SaveArea.NarrativeKey),
            NarrativePreview = parsed.Template?.Render(ws.Result),
            Plausibility = PlausibilityOf(result, area),
            OtherErrors = (errors ?? new Dictionary<string, string>())
                .Where(e => e.Key != SaveArea.NarrativeKey && area.Fields.All(f => f.Code != e.Key))
                .Select(e => (ws.Scheme.LabelTarget(e.Key), e.Value)).ToList(),
        };
    }

    /// <summary>
    /// The rows of <paramref name="fields"/> as a page of figures shows them (the area page, a department's page): the stored
    /// value or, after a save that was not done, what was posted, with its base, version, error and judgment.
    /// </summary>
    public static IReadOnlyList<AreaRow> RowsOf(Workspace ws, IEnumerable<SchemeField> fields, AreaForm? posted = null, IReadOnlyDictionary<string, string>? errors = null,
        EvaluationResult? result = null, LastYear? lastYear = null)
    {
        result ??= ws.Result;
        return fields.Select(f =>
        {
            var stored = ws.FigureRows.GetValueOrDefault(f.Code);
            var storedCanonical = stored?.ToValue()?.ToInvariantString();
            var raw = posted is not null && posted.Values.TryGetValue(f.Code, out var p) ? p : RawOf(f, stored?.ToValue());
            var baseValue = posted is not null && posted.Base.TryGetValue(f.Code, out var b) ? b : storedCanonical;
            var version = posted is not null && posted.Versions.TryGetValue(f.Code, out var v) ? v : stored?.Version ?? 0;
            var carried = stored?.CarriedFromEvaluationId;
            var source = f.CarryFrom is { } from && lastYear?.Result.Scheme.FindField(from) is { } sourceField && lastYear.EvaluationId == carried ? sourceField : null;
            return new AreaRow(f, result[f.Code], raw, baseValue, version, errors?.GetValueOrDefault(f.Code))
            {
                CarriedFrom = carried,
                FromSurvey = stored?.FromSurveyRoundId is not null,
                CarriedFromUrl = carried is not { } c ? null : source is null ? $"/Evaluations/{c}" : AreaRow.UrlOf(c, source.AreaKey, source.Code),
                LastYearNumber = lastYear?.NumberOf(f.Code),
                TypedNow = posted is not null && posted.Values.ContainsKey(f.Code) && Trimmed(raw) != Trimmed(baseValue),
            };
        }).ToList();
    }

    private static string Trimmed(string? text) => text?.Trim() ?? string.Empty;

    /// <summary>How a stored value goes back into an input box: plain digits for numbers, true/false for 是/否.</summary>
    private static string? RawOf(SchemeField field, FieldValue? value) => value switch
    {
        null => null,
        { Type: FieldValueType.Number } v => DisplayFormat.Compact(v.Number, Core.Figures.FigureText.MaxDecimals),
        var v => v.Value.ToInvariantString(),
    };
}
