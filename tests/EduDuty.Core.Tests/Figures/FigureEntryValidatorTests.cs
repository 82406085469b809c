using EduDuty.Core.Figures;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Tests.Figures;

public sealed class FigureEntryValidatorTests
{
    private static readonly Scheme Scheme = BuiltInSchemes.Get("SX-2021");
    private static readonly FigureEntryValidator Validator = new();

    [Theory]
    [InlineData("A10.04", "12149", 12149)]
    [InlineData("A10.04", "１２１４９", 12149)]
    [InlineData("A10.04", "12,149", 12149)]
    [InlineData("A10.04", "12，149", 12149)]
    [InlineData("A10.04", " 12149 ", 12149)]
    [InlineData("B00.04", "35.5", 35.5)]
    [InlineData("A04.01", "57,628.25", 57628.25)]
    [InlineData("A11.17.1", "100", 100)]
    public void Well_formed_numbers_are_accepted(string code, string raw, double expected)
    {
        var entry = new FigureEntry(Scheme.FindField(code)!, raw);

        Assert.True(Validator.Validate(entry).IsValid);
        Assert.Equal((decimal)expected, entry.ToValue()!.Value.Number);
    }

    [Theory]
    [InlineData("A10.04", "abc", "请输入整数")]
    [InlineData("A10.04", "12a", "请输入整数")]
    [InlineData("A10.04", "NaN", "请输入整数")]
    [InlineData("A10.04", "1e309", "请输入整数")]
    [InlineData("A10.04", "Infinity", "请输入整数")]
    [InlineData("A10.04", "-5", "不能为负数")]
    [InlineData("A10.04", "12.5", "请输入整数（单位：人）")]
    [InlineData("A10.04", "123456789012345678901234567890", "位数过多")]
    [InlineData("A10.04", "1,2,3", "请输入整数")]
    [InlineData("A10.04", "200000000", "数值过大")]
    [InlineData("A10.04", "12\u0000149", "控制字符")]
    [InlineData("B00.04", "1.1234567", "小数位数过多")]
    [InlineData("A11.17.1", "100.5", "0–100")]
    [InlineData("A04.01", "2000000000000", "数值过大")]
    [InlineData("A01.01", "maybe", "是”或“否")]
    public void Malformed_entries_get_a_chinese_message(string code, string raw, string expected)
    {
        var result = Validator.Validate(new FigureEntry(Scheme.FindField(code)!, raw));

        Assert.False(result.IsValid);
        Assert.Contains(expected, string.Join(" ", result.Errors.Select(e => e.ErrorMessage)));
    }

    [Fact]
    public void Blank_is_valid_and_means_no_value()
    {
        var entry = new FigureEntry(Scheme.FindField("A10.04")!, "  ");

        Assert.True(Validator.Validate(entry).IsValid);
        Assert.Null(entry.ToValue());
    }

    [Fact]
    public void Derived_fields_cannot_be_entered_and_text_is_bounded()
    {
        Assert.False(Validator.Validate(new FigureEntry(Scheme.FindField("A10.03")!, "99")).IsValid);
        Assert.False(Validator.Validate(new FigureEntry(Scheme.FindField("A01.02.t")!, new string('字', 2001))).IsValid);
        Assert.True(Validator.Validate(new FigureEntry(Scheme.FindField("A01.02.t")!, new string('字', 2000))).IsValid);
    }
}

public sealed class FieldValueTests
{
    [Theory]
    [InlineData("10755.0000000000", "10755")]
    [InlineData("10755", "10755")]
    [InlineData("35.50", "35.5")]
    [InlineData("0.000", "0")]
    [InlineData("-6.2874251497005988023952095808", "-6.2874251497005988023952095808")]
    public void Values_do_not_depend_on_the_stored_scale(string stored, string canonical)
    {
        var value = FieldValue.Of(decimal.Parse(stored, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(canonical, value.ToInvariantString());
        Assert.Equal(canonical, value.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
