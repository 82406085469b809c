using System.Globalization;
using System.Text;

namespace EduDuty.Core.Surveys;

/// <summary>
/// The choices of one answer sheet as stored (<c>SurveyAnswers.Choices</c>): question number, '=', the chosen option numbers
/// joined by ',', questions joined by ';', in question order — <c>1=2;2=1,3;5=6</c>. A question not answered is absent; open
/// answers are stored apart (their text is not a choice). The anonymised export and a recount read this, nothing else.
/// </summary>
public static class PackedAnswer
{
    public static string Format(IReadOnlyDictionary<int, IReadOnlyList<int>> choices)
    {
        var text = new StringBuilder();
        foreach (var (question, options) in choices.Where(c => c.Value.Count > 0).OrderBy(c => c.Key))
        {
            if (text.Length > 0) text.Append(';');
            text.Append(question.ToString(CultureInfo.InvariantCulture)).Append('=')
                .AppendJoin(',', options.Order().Select(o => o.ToString(CultureInfo.InvariantCulture)));
        }

        return text.ToString();
    }

    /// <summary>The choices of a stored text; a malformed part is skipped (stored rows are only ever written by <see cref="Format"/>).</summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<int>> Parse(string? packed)
    {
        var choices = new SortedDictionary<int, IReadOnlyList<int>>();
        foreach (var part in (packed ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = part.IndexOf('=');
            if (at <= 0 || !int.TryParse(part.AsSpan(0, at), NumberStyles.None, CultureInfo.InvariantCulture, out var question)) continue;
            var options = part[(at + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(o => int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).Where(n => n > 0).ToList();
            if (options.Count > 0) choices[question] = options;
        }

        return choices;
    }
}

/// <summary>
/// Why an answer is kept but not counted (issue 31): flags, stored as a number. Decided when the answer arrives, so the
/// tallies never count a suspect answer and its count is shown beside the results.
/// </summary>
[Flags]
public enum SuspectReasons
{
    None = 0,

    /// <summary>The hidden field (honeypot) was filled in: a program filled every field.</summary>
    Honeypot = 1,

    /// <summary>Sent sooner than <c>Survey:MinimumSeconds</c> after the questionnaire was opened.</summary>
    TooFast = 2,

    /// <summary>More answers from one address in one day than <c>Survey:AnswersPerAddressPerDay</c>.</summary>
    AddressLimit = 4,

    /// <summary>No valid start stamp (the questionnaire page was not opened from this portal, or the stamp was altered).</summary>
    NoStart = 8,
}

/// <summary>
/// The counts kept per (round, county, group) in <c>SurveyTallies</c>, as (question, option) pairs: question 0 counts answer
/// sheets (<see cref="Counted"/> and <see cref="Suspect"/>); for a question, option 0 counts the sheets that answered it and
/// option n those that chose its option n. Results are sums of these rows; nothing reads the answers to show them.
/// </summary>
public static class TallyKeys
{
    public const short Sheets = 0;
    public const short Counted = 0;
    public const short Suspect = 1;
    public const short Answered = 0;

    /// <summary>The rows one answer adds 1 to: a suspect sheet counts only as suspect.</summary>
    public static IReadOnlyList<(short Question, short Option)> Of(Questionnaire questionnaire, IReadOnlyDictionary<int, IReadOnlyList<int>> choices, bool suspect)
    {
        if (suspect) return [(Sheets, Suspect)];
        var keys = new List<(short, short)> { (Sheets, Counted) };
        foreach (var question in questionnaire.Questions.Where(q => q.Kind != QuestionKind.Open))
        {
            if (!choices.TryGetValue(question.Number, out var chosen) || chosen.Count == 0) continue;
            keys.Add(((short)question.Number, Answered));
            keys.AddRange(chosen.Distinct().Order().Select(o => ((short)question.Number, (short)o)));
        }

        return keys;
    }
}
