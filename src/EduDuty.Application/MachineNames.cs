using System.Text.Json;

namespace EduDuty.Application;

/// <summary>
/// How the API, its streams and its filters name a state, a kind or an action for machines (issue 29): the enum member's name
/// in camelCase, as JSON names are (draft, onTime, notStarted …). One rule, so that a word written by one operation is read
/// back by another.
/// </summary>
public static class MachineNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>A word as a query gives it: blank for none (true, null); a word naming no member: false.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum? value) where TEnum : struct, Enum
    {
        value = null;
        if (string.IsNullOrEmpty(text)) return true;
        foreach (var member in Enum.GetValues<TEnum>())
        {
            if (!string.Equals(Of(member), text, StringComparison.Ordinal)) continue;
            value = member;
            return true;
        }

        return false;
    }
}
