using EduDuty.Core.Schemes;

namespace EduDuty.Core.Rules;

/// <summary>
/// What a judged indicator (<see cref="SchemeField.IsJudged"/>) comes to in every county-level output — the report's sections
/// 三 and 四, the dashboard, the workbook's 汇总 — so that nothing unknown ever reads as good (decision 0035).
/// </summary>
public enum IndicatorState
{
    /// <summary>达标.</summary>
    Pass,

    /// <summary>未达标.</summary>
    Fail,

    /// <summary>未填报: an input not entered, or a computed indicator some of whose inputs are not entered.</summary>
    NotEntered,

    /// <summary>无法计算: every input is entered, yet the value cannot be computed (a division by zero, an input typed wrong).</summary>
    NotComputable,
}

/// <summary>How many judged indicators are in each state: the one count every output's verdict comes from.</summary>
public sealed record IndicatorTally(int Passing, int Failing, int NotEntered, int NotComputable)
{
    public int Judged => Passing + Failing + NotEntered + NotComputable;

    /// <summary>Indicators on which nothing can be said yet (未填报 and 无法计算).</summary>
    public int Unknown => NotEntered + NotComputable;

    /// <summary>Indicators with a verdict either way.</summary>
    public int Known => Passing + Failing;

    /// <summary>The only case in which a text may say every target is met: all judged, none failing.</summary>
    public bool AllMet => Judged > 0 && Failing == 0 && Unknown == 0;

    /// <summary>
    /// The unknown indicators in words, for a sentence that goes on "，未作判断": "12项评价指标尚未填报", "12项评价指标尚未填报、
    /// 2项无法计算", "2项评价指标无法计算"; empty when there are none.
    /// </summary>
    public string DescribeUnknown() => (NotEntered, NotComputable) switch
    {
        (0, 0) => string.Empty,
        (> 0, 0) => $"{NotEntered}项评价指标尚未填报",
        (0, > 0) => $"{NotComputable}项评价指标无法计算",
        _ => $"{NotEntered}项评价指标尚未填报、{NotComputable}项无法计算",
    };
}

public static class IndicatorStates
{
    /// <summary>The state of a judged indicator; null for a field that is not judged (reported only, a consistency check).</summary>
    public static IndicatorState? Of(EvaluationResult evaluation, FieldResult result)
    {
        if (!result.Field.IsJudged) return null;
        return result.Status switch
        {
            JudgmentStatus.Pass => IndicatorState.Pass,
            JudgmentStatus.Fail => IndicatorState.Fail,
            JudgmentStatus.NotComputable when WaitsForInput(evaluation, result.Field, []) => IndicatorState.NotEntered,
            JudgmentStatus.NotComputable => IndicatorState.NotComputable,
            _ => IndicatorState.NotEntered,
        };
    }

    /// <summary>The tally over every judged indicator of an evaluation.</summary>
    public static IndicatorTally Tally(EvaluationResult evaluation)
    {
        int pass = 0, fail = 0, notEntered = 0, notComputable = 0;
        foreach (var result in evaluation.Results)
        {
            switch (Of(evaluation, result))
            {
                case IndicatorState.Pass: pass++; break;
                case IndicatorState.Fail: fail++; break;
                case IndicatorState.NotEntered: notEntered++; break;
                case IndicatorState.NotComputable: notComputable++; break;
            }
        }

        return new IndicatorTally(pass, fail, notEntered, notComputable);
    }

    /// <summary>"达标", "未达标", "未填报", "无法计算": the state's name in every output.</summary>
    public static string DisplayName(this IndicatorState state) => state switch
    {
        IndicatorState.Pass => "达标",
        IndicatorState.Fail => "未达标",
        IndicatorState.NotEntered => "未填报",
        _ => "无法计算",
    };

    // A computed value waits for data when an input it reads (directly or through other computed values) is not entered.
    private static bool WaitsForInput(EvaluationResult evaluation, SchemeField field, HashSet<string> seen)
    {
        if (field.Formula is null) return evaluation[field.Code].Status == JudgmentStatus.NotEntered;
        foreach (var code in field.Formula.References)
        {
            if (!seen.Add(code)) continue;
            var input = evaluation[code];
            if (input.HasValue) continue;
            if (input.Field.Formula is null ? input.Status == JudgmentStatus.NotEntered : WaitsForInput(evaluation, input.Field, seen)) return true;
        }

        return false;
    }
}
