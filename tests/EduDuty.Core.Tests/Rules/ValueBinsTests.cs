using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Tests.Rules;

public sealed class ValueBinsTests
{
    [Fact]
    public void Bins_split_the_range_evenly_and_a_bin_misses_when_its_middle_misses_the_target()
    {
        // 毛入园率 ≥ 90 (catalog A10.03); 80–100 in two bins of 10: [80, 90) holds 80 and 85, [90, 100] holds 90, 95 and 100.
        var bins = ValueBins.Of([80m, 85m, 90m, 95m, 100m], Threshold.ForNumber(ComparisonOp.AtLeast, 90m), bins: 2);

        Assert.Equal([new ValueBin(80m, 90m, 2, true), new ValueBin(90m, 100m, 3, false)], bins);
    }

    [Fact]
    public void One_value_is_one_bin_and_no_values_no_bins()
    {
        Assert.Equal([new ValueBin(55.77m, 55.77m, 2, false)], ValueBins.Of([55.77m, 55.77m], Threshold.ForNumber(ComparisonOp.AtLeast, 55m)));
        Assert.Empty(ValueBins.Of([], null));
    }
}
