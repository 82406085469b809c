using System.Text;

namespace EduDuty.Core.Text;

/// <summary>What a piece of a compared text is: kept, taken out of the earlier text, or put into the later one.</summary>
public enum SegmentKind
{
    Same,
    Deleted,
    Inserted,
}

/// <summary>A run of characters of one kind.</summary>
public sealed record TextSegment(SegmentKind Kind, string Text);

/// <summary>
/// One place where a text changed, as a reader sees it: a little of the unchanged text around it (cut with "…" where it goes
/// on), what was taken out and what was put in.
/// </summary>
/// <param name="Segments">Context (<see cref="SegmentKind.Same"/>) and changes, in the text's order.</param>
/// <param name="CutBefore">The text goes on before the first segment.</param>
/// <param name="CutAfter">The text goes on after the last segment.</param>
public sealed record TextHunk(IReadOnlyList<TextSegment> Segments, bool CutBefore, bool CutAfter);

/// <summary>
/// A character-level difference of two texts (Myers' O(ND) algorithm, after the common beginning and end are set aside), for
/// Chinese prose, which has no spaces to split words at: each character is a unit, except that a number or a Latin word is one
/// ("1080" → "1800" is one change). Bounded: beyond <see cref="MaxEdits"/> units taken out and put in, or texts beyond
/// <see cref="MaxLength"/> characters, it does not look further and says the text was rewritten (<see cref="Rewritten"/>) —
/// time at most O((N+M)·MaxEdits), memory O(MaxEdits²) integers.
/// </summary>
/// <param name="Segments">The whole of both texts as segments (the Same and Deleted ones give the earlier text, the Same
/// and Inserted ones the later); null when the text was rewritten beyond the bound.</param>
/// <param name="BeforeLength">Characters of the earlier text (a character outside the basic plane counts once).</param>
/// <param name="AfterLength">Characters of the later text.</param>
public sealed record TextDiff(IReadOnlyList<TextSegment>? Segments, int BeforeLength, int AfterLength)
{
    /// <summary>The most units (characters, numbers) taken out plus put in that are still shown as changes (beyond: "全文已改写").</summary>
    public const int MaxEdits = 1_000;

    /// <summary>The longest text compared character by character (each side); longer: "全文已改写".</summary>
    public const int MaxLength = 50_000;

    /// <summary>The text changed too much to show its changes piece by piece.</summary>
    public bool Rewritten => Segments is null;

    public bool IsEmpty => Segments is { } s && s.All(x => x.Kind == SegmentKind.Same);

    /// <summary>Characters taken out (0 when rewritten).</summary>
    public int Deleted => Segments?.Where(s => s.Kind == SegmentKind.Deleted).Sum(s => Length(s.Text)) ?? 0;

    /// <summary>Characters put in (0 when rewritten).</summary>
    public int Inserted => Segments?.Where(s => s.Kind == SegmentKind.Inserted).Sum(s => Length(s.Text)) ?? 0;

    /// <summary>
    /// How much changed, as the comparison says it: "删去 3 字，新增 5 字", a kind with nothing in it left out ("新增 67 字"),
    /// or the rewrite with both lengths.
    /// </summary>
    public string Summary => Rewritten
        ? $"全文已改写（原 {BeforeLength} 字，现 {AfterLength} 字）"
        : string.Join("，", new[] { Deleted > 0 ? $"删去 {Deleted} 字" : null, Inserted > 0 ? $"新增 {Inserted} 字" : null }.OfType<string>());

    /// <param name="maxEdits">The bound on characters taken out plus put in (tests use a small one).</param>
    public static TextDiff Of(string before, string after, int maxEdits = MaxEdits)
    {
        var (beforeLength, afterLength) = (Length(before), Length(after));
        if (beforeLength > MaxLength || afterLength > MaxLength) return new TextDiff(null, beforeLength, afterLength);
        if (before == after) return new TextDiff(before.Length == 0 ? [] : [new TextSegment(SegmentKind.Same, before)], beforeLength, afterLength);
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        var (a, aOffsets) = Tokens(before, words);
        var (b, bOffsets) = Tokens(after, words);

        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)]) suffix++;

        var ops = Middle(a.AsSpan(prefix, a.Length - prefix - suffix), b.AsSpan(prefix, b.Length - prefix - suffix), maxEdits);
        if (ops is null) return new TextDiff(null, beforeLength, afterLength);

        var segments = new List<(SegmentKind Kind, int Start, int Length)>();
        void Add(SegmentKind kind, int start, int length)
        {
            if (length == 0) return;
            if (segments.Count > 0 && segments[^1].Kind == kind && segments[^1].Start + segments[^1].Length == start)
                segments[^1] = (kind, segments[^1].Start, segments[^1].Length + length);
            else segments.Add((kind, start, length));
        }

        Add(SegmentKind.Same, 0, prefix); // Same and Deleted index the earlier text, Inserted the later
        foreach (var (kind, start, length) in ops) Add(kind, prefix + start, length);
        Add(SegmentKind.Same, a.Length - suffix, suffix);
        string Piece(SegmentKind kind, int start, int length) => kind == SegmentKind.Inserted
            ? after[bOffsets[start]..bOffsets[start + length]]
            : before[aOffsets[start]..aOffsets[start + length]];
        var pieces = Slide(Cleanup(segments.Select(s => new TextSegment(s.Kind, Piece(s.Kind, s.Start, s.Length))).ToList()));
        return new TextDiff(pieces, beforeLength, afterLength);
    }

    /// <summary>
    /// The places where the text changed with up to <paramref name="context"/> characters of unchanged text on each side, cut
    /// at a line break; changes closer together than twice the context share a place. Empty when rewritten or unchanged.
    /// </summary>
    public IReadOnlyList<TextHunk> Hunks(int context = 20)
    {
        if (Segments is not { } segments) return [];
        var hunks = new List<TextHunk>();
        List<TextSegment>? open = null;
        var cutBefore = false;
        for (var i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            if (s.Kind != SegmentKind.Same)
            {
                if (open is null)
                {
                    open = [];
                    if (i > 0) // context before the first change
                    {
                        var (kept, cut) = Tail(segments[i - 1].Text, context);
                        if (kept.Length > 0) open.Add(new TextSegment(SegmentKind.Same, kept));
                        cutBefore = cut;
                    }
                    else cutBefore = false;
                }

                open.Add(s);
                continue;
            }

            if (open is null) continue;
            var last = i == segments.Count - 1;
            if (!last && Length(s.Text) <= 2 * context && !s.Text.Contains('\n', StringComparison.Ordinal))
            {
                open.Add(s); // a short unchanged stretch between two changes: one place
                continue;
            }

            var (head, cutAfter) = Head(s.Text, context);
            if (head.Length > 0) open.Add(new TextSegment(SegmentKind.Same, head));
            hunks.Add(new TextHunk(open, cutBefore, cutAfter));
            open = null;
        }

        if (open is not null) hunks.Add(new TextHunk(open, cutBefore, false));
        return hunks;
    }

    // Myers' greedy forward search with the V array of each step kept, so that the path can be walked back. Null: more than
    // maxEdits steps. Returns the edit script over the middle parts as (kind, start in a or b, length) runs.
    private static List<(SegmentKind Kind, int Start, int Length)>? Middle(ReadOnlySpan<int> a, ReadOnlySpan<int> b, int maxEdits)
    {
        var n = a.Length;
        var m = b.Length;
        if (n == 0 && m == 0) return [];
        if (n == 0) return [(SegmentKind.Inserted, 0, m)];
        if (m == 0) return [(SegmentKind.Deleted, 0, n)];
        if (Math.Abs(n - m) > maxEdits) return null; // the lengths alone need more steps

        var max = Math.Min(n + m, maxEdits);
        var offset = max + 1;
        var v = new int[2 * max + 3];
        var trace = new List<int[]>();
        for (var d = 0; d <= max; d++)
        {
            trace.Add(v[(offset - d)..(offset + d + 1)]); // V as it was before step d (indices -d..d)
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m) return Backtrack(trace, d, n, m);
            }
        }

        return null;
    }

    // Walks the path back from (n, m): each step d came down (a character put in) or across (one taken out) from the furthest
    // point of step d-1 on a neighbouring diagonal, then followed a snake of equal characters.
    private static List<(SegmentKind Kind, int Start, int Length)> Backtrack(List<int[]> trace, int steps, int n, int m)
    {
        var ops = new List<(SegmentKind Kind, int Start, int Length)>();
        var x = n;
        var y = m;
        for (var d = steps; d > 0; d--)
        {
            var before = trace[d]; // V after step d-1, over the diagonals -d..d
            var k = x - y;
            var down = k == -d || (k != d && before[k - 1 + d] < before[k + 1 + d]);
            var prevK = down ? k + 1 : k - 1;
            var prevX = before[prevK + d];
            var prevY = prevX - prevK;
            var snakeX = down ? prevX : prevX + 1;
            if (x > snakeX) ops.Add((SegmentKind.Same, snakeX, x - snakeX));
            ops.Add(down ? (SegmentKind.Inserted, prevY, 1) : (SegmentKind.Deleted, prevX, 1));
            x = prevX;
            y = prevY;
        }

        if (x > 0) ops.Add((SegmentKind.Same, 0, x)); // the snake of step 0
        ops.Reverse();
        return ops;
    }

    // Makes the changes readable: a short unchanged stretch (no longer than the changes on either side, such as a "的" that
    // happened to match inside a rewritten sentence) is folded into the changes, and each run of changes reads as what was
    // taken out, then what was put in.
    private static List<TextSegment> Cleanup(List<TextSegment> segments)
    {
        bool changed;
        do
        {
            changed = false;
            var runs = Runs(segments);
            for (var i = 1; i < runs.Count - 1; i++)
            {
                if (runs[i].Same is not { } same || runs[i - 1].Same is not null || runs[i + 1].Same is not null) continue;
                var size = Length(same.Text);
                if (size > runs[i - 1].Size || size > runs[i + 1].Size) continue;
                if (same.Text.Contains('\n', StringComparison.Ordinal)) continue; // a paragraph break stays a boundary
                runs[i - 1] = Run.Change(runs[i - 1].Deleted + same.Text + runs[i + 1].Deleted, runs[i - 1].Inserted + same.Text + runs[i + 1].Inserted);
                runs.RemoveRange(i, 2);
                changed = true;
                break;
            }

            segments = runs.SelectMany(r => r.Segments()).ToList();
        }
        while (changed);

        return segments;
    }

    // A sentence put in or taken out whole can often be placed in several ways ("3[+所。改扩建2]所。" is "3所。[+改扩建2所。]"):
    // each lone insertion or deletion between unchanged text is slid to where it starts after a sentence's end and ends with
    // one, when it can be; the texts stay the same.
    private static List<TextSegment> Slide(List<TextSegment> segments)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            var edit = segments[i];
            if (edit.Kind == SegmentKind.Same) continue;
            var hasBefore = i > 0 && segments[i - 1].Kind == SegmentKind.Same;
            var hasAfter = i < segments.Count - 1 && segments[i + 1].Kind == SegmentKind.Same;
            if ((i > 0 && !hasBefore) || (i < segments.Count - 1 && !hasAfter)) continue; // part of a replacement: stays
            var left = hasBefore ? segments[i - 1].Text : "";
            var right = hasAfter ? segments[i + 1].Text : "";
            var text = edit.Text;
            if ((left + text + right).Any(char.IsSurrogate)) continue;

            // As far left as it goes (keeping a neighbour that separates it from another change), then each place rightwards.
            var minLeft = i >= 2 ? 1 : 0; // another change before the unchanged text on the left
            var minRight = i + 2 < segments.Count ? 1 : 0;
            while (left.Length > minLeft && left[^1] == text[^1])
            {
                right = text[^1] + right;
                text = left[^1] + text[..^1];
                left = left[..^1];
            }

            var best = (Score: Score(left, text), Left: left, Text: text, Right: right);
            while (right.Length > minRight && text[0] == right[0])
            {
                left += text[0];
                text = text[1..] + right[0];
                right = right[1..];
                if (Score(left, text) > best.Score) best = (Score(left, text), left, text, right);
            }

            var replaced = new List<TextSegment>();
            if (best.Left.Length > 0) replaced.Add(new TextSegment(SegmentKind.Same, best.Left));
            replaced.Add(new TextSegment(edit.Kind, best.Text));
            if (best.Right.Length > 0) replaced.Add(new TextSegment(SegmentKind.Same, best.Right));
            var start = hasBefore ? i - 1 : i;
            segments.RemoveRange(start, (hasBefore ? 1 : 0) + 1 + (hasAfter ? 1 : 0));
            segments.InsertRange(start, replaced);
            i = start + replaced.Count - 1;
        }

        return segments;

        static bool Break(char c) => c is '。' or '！' or '？' or '；' or '\n';
        static int Score(string left, string text) => (left.Length == 0 || Break(left[^1]) ? 1 : 0) + (Break(text[^1]) ? 1 : 0);
    }

    private sealed record Run(TextSegment? Same, string Deleted, string Inserted)
    {
        public static Run Change(string deleted, string inserted) => new(null, deleted, inserted);

        /// <summary>The larger of what a change takes out and puts in, in characters.</summary>
        public int Size => Math.Max(Length(Deleted), Length(Inserted));

        public IEnumerable<TextSegment> Segments()
        {
            if (Same is not null)
            {
                yield return Same;
                yield break;
            }

            if (Deleted.Length > 0) yield return new TextSegment(SegmentKind.Deleted, Deleted);
            if (Inserted.Length > 0) yield return new TextSegment(SegmentKind.Inserted, Inserted);
        }
    }

    // Same segments alone, and each maximal stretch of changes as one run (its deletions, then its insertions).
    private static List<Run> Runs(List<TextSegment> segments)
    {
        var runs = new List<Run>();
        StringBuilder? deleted = null, inserted = null;
        void Flush()
        {
            if (deleted is null) return;
            runs.Add(Run.Change(deleted.ToString(), inserted!.ToString()));
            deleted = inserted = null;
        }

        foreach (var s in segments)
        {
            if (s.Kind == SegmentKind.Same)
            {
                Flush();
                runs.Add(new Run(s, "", ""));
                continue;
            }

            deleted ??= new StringBuilder();
            inserted ??= new StringBuilder();
            (s.Kind == SegmentKind.Deleted ? deleted : inserted).Append(s.Text);
        }

        Flush();
        return runs;
    }

    private static (string Kept, bool Cut) Tail(string text, int context)
    {
        var runes = Runes(text);
        var start = Math.Max(0, runes.Length - context);
        var line = Array.LastIndexOf(runes, '\n');
        if (line >= start) return (Text(runes, line + 1, runes.Length - line - 1), true);
        return (Text(runes, start, runes.Length - start), start > 0);
    }

    private static (string Kept, bool Cut) Head(string text, int context)
    {
        var runes = Runes(text);
        var end = Math.Min(runes.Length, context);
        var line = Array.IndexOf(runes, '\n');
        if (line >= 0 && line < end) return (Text(runes, 0, line), true);
        return (Text(runes, 0, end), end < runes.Length);
    }

    // The units compared: a number or a Latin word whole ("1080", "91.5", "12,149", "PDF"), so that a changed figure reads as
    // one change and not as digits shuffled; every other character (a Chinese character, a punctuation mark) alone. A single
    // character's id is its code point; a longer unit gets an id above them, shared by both texts. Offsets: where each unit
    // starts in the text, and its end.
    private static (int[] Ids, int[] Offsets) Tokens(string text, Dictionary<string, int> words)
    {
        var ids = new List<int>(text.Length);
        var offsets = new List<int>(text.Length + 1);
        var i = 0;
        while (i < text.Length)
        {
            offsets.Add(i);
            if (Word(text[i]))
            {
                var j = i + 1;
                while (j < text.Length && (Word(text[j]) || (text[j] is '.' or ',' && j + 1 < text.Length && char.IsAsciiDigit(text[j + 1]) && char.IsAsciiDigit(text[j - 1])))) j++;
                if (j == i + 1) ids.Add(text[i]);
                else
                {
                    var word = text[i..j];
                    if (!words.TryGetValue(word, out var id)) words[word] = id = 0x110000 + words.Count;
                    ids.Add(id);
                }

                i = j;
                continue;
            }

            if (char.IsSurrogatePair(text, i))
            {
                ids.Add(char.ConvertToUtf32(text[i], text[i + 1]));
                i += 2;
            }
            else ids.Add(text[i++]); // a lone surrogate is its own unit

        }

        offsets.Add(text.Length);
        return ([.. ids], [.. offsets]);

        static bool Word(char c) => char.IsAsciiLetterOrDigit(c);
    }

    private static int[] Runes(string text)
    {
        var runes = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes()) runes.Add(rune.Value);
        return [.. runes];
    }

    private static string Text(int[] runes, int start, int length)
    {
        var builder = new StringBuilder(length);
        for (var i = start; i < start + length; i++) builder.Append(Rune.IsValid(runes[i]) ? new Rune(runes[i]).ToString() : "\uFFFD");
        return builder.ToString();
    }

    private static int Length(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes()) count++;
        return count;
    }
}
