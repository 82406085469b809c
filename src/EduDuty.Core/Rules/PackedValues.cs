using System.Collections;
using System.Globalization;

namespace EduDuty.Core.Rules;

/// <summary>
/// Judged numbers in their stored form ("A10.03=99.82;A10.06=55.77", <see cref="ResultSummary.FormatValues"/>) read as a
/// dictionary: looking up one code scans the text and parses only that number, so a list across thousands of counties that
/// needs one rate per county does not parse a hundred numbers per county. Enumerating parses the whole text once.
/// </summary>
public sealed class PackedValues(string? text) : IReadOnlyDictionary<string, decimal>
{
    private readonly string _text = text ?? string.Empty;
    private Dictionary<string, decimal>? _all;

    public bool TryGetValue(string key, out decimal value)
    {
        value = 0;
        if (_all is not null) return _all.TryGetValue(key, out value);
        var start = 0;
        while ((start = _text.IndexOf(key, start, StringComparison.Ordinal)) >= 0)
        {
            var equals = start + key.Length;
            if ((start == 0 || _text[start - 1] == ';') && equals < _text.Length && _text[equals] == '=')
            {
                var end = _text.IndexOf(';', equals);
                return decimal.TryParse(_text.AsSpan(equals + 1, (end < 0 ? _text.Length : end) - equals - 1), NumberStyles.Number, CultureInfo.InvariantCulture, out value);
            }

            start = equals;
        }

        return false;
    }

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public decimal this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => All.Keys;

    public IEnumerable<decimal> Values => All.Values;

    public int Count => All.Count;

    public IEnumerator<KeyValuePair<string, decimal>> GetEnumerator() => All.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Each well-formed pair in its stored order, parsed once and without building a dictionary or a string per code: what a
    /// pass over thousands of counties' values needs (the roll-up's facts, issue 28). A code stored twice is given twice; a
    /// caller that keeps the first keeps what <see cref="TryGetValue"/> finds.
    /// </summary>
    public void ForEach<TState>(TState state, PairAction<TState> action)
    {
        var rest = _text.AsSpan();
        while (rest.Length > 0)
        {
            var end = rest.IndexOf(';');
            var pair = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            var equals = pair.IndexOf('=');
            if (equals <= 0) continue;
            var number = pair[(equals + 1)..];
            if (number.IndexOf('=') >= 0) continue; // not a pair: ParseValues leaves it out too
            if (decimal.TryParse(number, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) action(state, pair[..equals], value);
        }
    }

    /// <summary>What <see cref="ForEach{TState}"/> calls with each code and its value.</summary>
    public delegate void PairAction<in TState>(TState state, ReadOnlySpan<char> code, decimal value);

    private Dictionary<string, decimal> All => _all ??= new Dictionary<string, decimal>(ResultSummary.ParseValues(_text), StringComparer.Ordinal);
}
