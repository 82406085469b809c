using EduDuty.Core.Figures;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Rules;

/// <summary>A range of a rate's values across counties, how many fall in it, and whether its middle misses the target.</summary>
public sealed record ValueBin(decimal From, decimal To, int Count, bool Misses);

/// <summary>
/// Equal-width bins of values from the lowest to the highest (the dashboard's distribution): a bin misses the target when its
/// middle does, judged by the threshold's own comparison (<see cref="Threshold.IsMetBy"/>), so the chart says what the rule
/// engine would.
/// </summary>
public static class ValueBins
{
    public static IReadOnlyList<ValueBin> Of(IReadOnlyList<decimal> values, Threshold? threshold, int bins = 10)
    {
        if (values.Count == 0) return [];
        bool Misses(decimal from, decimal to) => threshold?.IsMetBy(FieldValue.Of((from + to) / 2)) == false;
        var (min, max) = (values.Min(), values.Max());
        if (min == max) return [new ValueBin(min, max, values.Count, Misses(min, max))];
        var width = (max - min) / bins;
        return Enumerable.Range(0, bins).Select(i =>
        {
            var from = min + (i * width);
            var to = i == bins - 1 ? max : from + width;
            return new ValueBin(Math.Round(from, 2), Math.Round(to, 2), values.Count(v => v >= from && (i == bins - 1 ? v <= to : v < to)), Misses(from, to));
        }).ToList();
    }
}
