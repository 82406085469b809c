using System.Globalization;
using EduDuty.Core.Text;

namespace EduDuty.Core.Surveys;

/// <summary>What the portal knows about how a sheet arrived, for <see cref="AnswerScreening.Screen"/>.</summary>
/// <param name="HoneypotFilled">The hidden field (a person never sees it) came back with text.</param>
/// <param name="StartedAtUtc">When this device opened the questionnaire (the protected start stamp), or null when there was no valid stamp.</param>
/// <param name="ReceivedAtUtc">When the sheet arrived.</param>
/// <param name="EarlierFromAddress">Sheets already stored from the sender's address (its day's key) in this round.</param>
public sealed record AnswerArrival(bool HoneypotFilled, DateTimeOffset? StartedAtUtc, DateTimeOffset ReceivedAtUtc, int EarlierFromAddress);

/// <summary>The settings of the honesty rules (<c>Survey:MinimumSeconds</c>, <c>Survey:AnswersPerAddressPerDay</c>).</summary>
public sealed record ScreeningLimits(int MinimumSeconds = ScreeningLimits.DefaultMinimumSeconds, int AnswersPerAddressPerDay = ScreeningLimits.DefaultAnswersPerAddressPerDay)
{
    public const int DefaultMinimumSeconds = 30;
    public const int DefaultAnswersPerAddressPerDay = 200;
}

/// <summary>
/// The one place the honesty rules of issue 31 are decided (no captcha): a sheet is suspect — kept, but tallied only as
/// suspect — when the hidden field was filled (<see cref="SuspectReasons.Honeypot"/>), when it was sent sooner than the minimum
/// answering time after the questionnaire was opened (<see cref="SuspectReasons.TooFast"/>), when there is no valid start stamp
/// (<see cref="SuspectReasons.NoStart"/>: the page was never opened from the portal, or the stamp was altered or expired), and
/// when its address already sent the day's allowance in this round (<see cref="SuspectReasons.AddressLimit"/>: schools and
/// offices share an address, so the allowance is generous and the sheets over it are kept, not refused).
/// </summary>
public static class AnswerScreening
{
    public static SuspectReasons Screen(AnswerArrival arrival, ScreeningLimits limits)
    {
        var reasons = SuspectReasons.None;
        if (arrival.HoneypotFilled) reasons |= SuspectReasons.Honeypot;
        if (Seconds(arrival) is not { } seconds) reasons |= SuspectReasons.NoStart;
        else if (seconds < limits.MinimumSeconds) reasons |= SuspectReasons.TooFast;
        if (arrival.EarlierFromAddress >= limits.AnswersPerAddressPerDay) reasons |= SuspectReasons.AddressLimit;
        return reasons;
    }

    /// <summary>Whole seconds from opening to sending; null without a stamp (a stamp from the future counts as none).</summary>
    public static int? Seconds(AnswerArrival arrival) =>
        arrival.StartedAtUtc is { } started && started <= arrival.ReceivedAtUtc
            ? (int)Math.Min(int.MaxValue, Math.Floor((arrival.ReceivedAtUtc - started).TotalSeconds))
            : null;

    /// <summary>The reasons in words (for the results' suspect count and the anonymised export).</summary>
    public static string Describe(SuspectReasons reasons) => reasons == SuspectReasons.None
        ? "正常"
        : string.Join("、", new[]
        {
            (SuspectReasons.Honeypot, "填写了隐藏栏"),
            (SuspectReasons.TooFast, "作答时间过短"),
            (SuspectReasons.NoStart, "未从问卷页面开始作答"),
            (SuspectReasons.AddressLimit, "同一网络地址当日答卷过多"),
        }.Where(r => reasons.HasFlag(r.Item1)).Select(r => r.Item2));
}

/// <summary>A sheet as sent, checked against its questionnaire: the choices to pack and tally, and the open texts.</summary>
public sealed record CheckedSheet(IReadOnlyDictionary<int, IReadOnlyList<int>> Choices, IReadOnlyDictionary<int, string> OpenTexts);

/// <summary>
/// The checks of a sheet's values against its questionnaire (issue 31), each problem naming its question (field <c>q{number}</c>
/// and the question's number and text): a required question unanswered, an option that is not one of the question's, more than
/// one option of a single-choice or scale question, more choices than allowed, an open text too long or with control characters.
/// </summary>
public static class SheetRules
{
    /// <summary>The form field of a question: <c>q3</c>.</summary>
    public static string FieldOf(int number) => "q" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>A sheet's values by question number (as sent: option numbers as text, or an open question's text).</summary>
    public static (CheckedSheet? Sheet, IReadOnlyList<(string Field, string Text)> Problems) Check(
        Questionnaire questionnaire, IReadOnlyDictionary<int, IReadOnlyList<string>> values)
    {
        var problems = new List<(string, string)>();
        var choices = new SortedDictionary<int, IReadOnlyList<int>>();
        var texts = new SortedDictionary<int, string>();
        foreach (var question in questionnaire.Questions)
        {
            var field = FieldOf(question.Number);
            var name = $"第 {question.Number} 题“{question.Text}”";
            var given = values.GetValueOrDefault(question.Number)?.Where(v => !string.IsNullOrWhiteSpace(v)).ToList() ?? [];
            if (question.Kind == QuestionKind.Open)
            {
                var text = string.Join("\n", given).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
                if (text.Length == 0)
                {
                    if (question.Required) problems.Add((field, $"{name}必须填写，请写下您的意见后再提交。"));
                    continue;
                }

                if (text.Length > question.MaxLength)
                    problems.Add((field, $"{name}最多 {question.MaxLength} 个字，现在有 {text.Length} 个字，请删减后再提交。"));
                else if (PlainText.HasControlCharacters(text))
                    problems.Add((field, $"{name}中含有不可见的控制字符，请删除后重新输入。"));
                else texts[question.Number] = text;
                continue;
            }

            if (given.Count == 0)
            {
                if (question.Required) problems.Add((field, $"{name}还没有作答，请选择后再提交。"));
                continue;
            }

            var options = new List<int>();
            foreach (var value in given)
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var option) || option < 1 || option > question.Choices.Count)
                {
                    problems.Add((field, $"{name}的选项“{Shorten(value)}”不在该题的选项中，请重新选择。"));
                    options.Clear();
                    break;
                }

                if (!options.Contains(option)) options.Add(option);
            }

            if (options.Count == 0) continue;
            if (question.Kind != QuestionKind.Multiple && options.Count > 1)
                problems.Add((field, $"{name}只能选一项，请只保留一个选项。"));
            else if (question.Kind == QuestionKind.Multiple && question.MaxChoices is { } most && options.Count > most)
                problems.Add((field, $"{name}最多选 {most} 项，现在选了 {options.Count} 项，请去掉多余的选项。"));
            else choices[question.Number] = options.Order().ToList();
        }

        return problems.Count > 0 ? (null, problems) : (new CheckedSheet(choices, texts), problems);
    }

    private static string Shorten(string value)
    {
        var clean = new string(value.Where(c => !PlainText.IsForbidden(c, multiLine: false)).Take(20).ToArray());
        return clean.Length < value.Length ? clean + "…" : clean;
    }
}
