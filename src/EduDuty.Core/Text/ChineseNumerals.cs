namespace EduDuty.Core.Text;

/// <summary>Chinese ordinal numerals as documents number their sections: 一、二、… 十二、… 九十九.</summary>
public static class ChineseNumerals
{
    private static readonly string[] Digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

    public static string Of(int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 99);
        if (number < 10) return Digits[number];
        var tens = number / 10;
        var ones = number % 10;
        return (tens == 1 ? string.Empty : Digits[tens]) + "十" + (ones == 0 ? string.Empty : Digits[ones]);
    }
}
