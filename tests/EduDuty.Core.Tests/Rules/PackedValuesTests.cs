using EduDuty.Core.Rules;

namespace EduDuty.Core.Tests.Rules;

public sealed class PackedValuesTests
{
    // Codes that contain one another: a lookup must match the whole code, never a prefix or a suffix of another.
    private const string Stored = "A04.07.chg=-0.5;A04.07=12.25;A10.03=99.82;B10.03=1;A10.031=7";

    [Theory]
    [InlineData("A04.07", "12.25")]
    [InlineData("A04.07.chg", "-0.5")]
    [InlineData("A10.03", "99.82")]
    [InlineData("A10.031", "7")]
    [InlineData("B10.03", "1")]
    public void A_lookup_reads_the_whole_codes_value(string code, string expected)
    {
        var values = new PackedValues(Stored);

        Assert.True(values.TryGetValue(code, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("A10.0")]
    [InlineData("10.03")]
    [InlineData("A04")]
    [InlineData("chg")]
    public void A_code_that_is_only_part_of_another_is_not_found(string code) =>
        Assert.False(new PackedValues(Stored).ContainsKey(code));

    [Fact]
    public void Enumerating_gives_what_the_stored_text_holds()
    {
        var values = new PackedValues(Stored);

        Assert.Equal(5, values.Count);
        Assert.Equal(ResultSummary.ParseValues(Stored).OrderBy(p => p.Key), values.OrderBy(p => p.Key));
        Assert.Empty(new PackedValues(null));
    }
}
