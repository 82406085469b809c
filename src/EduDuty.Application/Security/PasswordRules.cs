using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using EduDuty.Core.Messaging;
using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace EduDuty.Application.Security;

/// <summary>
/// What makes a password too easy to guess, beyond its length (ASVS V6.2; decision 0029), checked in this order, each with
/// its own Chinese reason from the catalogue:
/// <list type="number">
/// <item>more than <see cref="MaxLength"/> characters, which the sign-in page would refuse;</item>
/// <item>the user's own words: the user name, a part of it (wenxi of wenxi.official), the display name;</item>
/// <item>the deployment's own words: the portal's name (EduDuty, 教育督导, jiaoyududao), the published demo password and
/// the example passphrase the refusals show (门前两棵枣树…), which a user would otherwise copy;</item>
/// <item>one of the 31,809 generated common passwords (common-passwords.txt: English and pinyin words with the usual endings,
/// Chinese number phrases) or of the 100,000 most common breached passwords (breached-passwords.txt, decision 0029);</item>
/// <item>a password made of patterns with fewer than <see cref="MinimumOwnCharacters"/> letters or digits left over: keyboard
/// walks (qwerty, 1qaz2wsx, !QAZ2wsx#EDC — shifted keys count as their key), dates (19900101, 2021-11-01, 2021年11月1日),
/// sequences (1234, abcd, 9876) and repeats (aaaa, abab, 123123);</item>
/// <item>a strength estimate (zxcvbn, with its 30,000 common passwords, 30,000 English words, names and surnames, and the
/// breached list above as one more dictionary) below <see cref="MinimumScore"/>: "Admin@123456" is two dictionary words.</item>
/// </list>
/// Demo accounts are seeded with their hash (<c>DemoData</c>), never through these rules: the published demo password is
/// refused to anyone who types it.
/// </summary>
public sealed partial class PasswordRules : IPasswordValidator<AppUser>
{
    /// <summary>The longest password anyone can set: the sign-in form accepts no more.</summary>
    public const int MaxLength = 128;

    /// <summary>zxcvbn's score (0–4) a password must reach: 3 means an estimated 10⁶ s or more to guess offline at its assumed rate.</summary>
    public const int MinimumScore = 3;

    /// <summary>Letters and digits a password must have outside walks, dates, sequences and repeats.</summary>
    public const int MinimumOwnCharacters = 4;

    private static readonly Lazy<HashSet<string>> Common = new(() => Load("common-passwords.txt"));
    private static readonly Lazy<List<string>> BreachedList = new(() => LoadList("breached-passwords.txt"));
    private static readonly Lazy<HashSet<string>> Breached = new(() => new HashSet<string>(BreachedList.Value, StringComparer.Ordinal));
    private static readonly Lazy<Zxcvbn.Zxcvbn> Estimator = new(() => new Zxcvbn.Zxcvbn(new BreachedMatchers(BreachedList.Value)));

    /// <summary>Words of this deployment, in their squashed form (lowercase letters, digits and CJK only).</summary>
    private static readonly string[] DeploymentWords = ["eduduty", "教育督导", "jiaoyududao", "demopassword", "履行教育职责", "门前两棵枣树"];

    // Keyboard walks as typed on a US/Chinese keyboard, every shifted key as its key: rows, columns, zigzags and their reverses.
    private static readonly string[] Walks = WithReverses(
        "`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./",
        "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/-['=]", "zaq1xsw2cde3vfr4bgt5nhy6mju7,ki8.lo9/;p0", "qazwsxedcrfvtgbyhnujmik,ol.p;/",
        "1qazxsw23edcvfr45tgbnhy67ujm,ki89ol./;p0", "qweasdzxc", "qweasdzxcrtyfghvbn", "1q2w3e4r5t6y7u8i9o0p", "q1w2e3r4t5y6u7i8o9p0",
        "a1s2d3f4g5h6j7k8l9", "1a2s3d4f5g6h7j8k9l", "qawsedrftgyhujikolp", "azsxdcfvgbhnjmk,l.;/");

    private const string Shifted = "~!@#$%^&*()_+{}|:\"<>?";
    private const string Unshifted = "`1234567890-=[]\\;',./";

    public static int CommonCount => Common.Value.Count;

    public static int BreachedCount => Breached.Value.Count;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(Check(password ?? string.Empty, user.UserName, user.DisplayName) is { } error ? IdentityResult.Failed(error) : IdentityResult.Success);

    /// <summary>The first rule the password breaks, or null when it breaks none.</summary>
    public static IdentityError? Check(string password, string? userName, string? displayName = null)
    {
        if (password.Length > MaxLength)
            return new IdentityError { Code = "PasswordTooLong", Description = $"密码最多 {MaxLength} 个字符，请缩短。" };
        var lower = password.ToLowerInvariant();
        var squashed = Squash(lower);
        if (PersonalWords(userName, displayName).Any(w => lower.Contains(w, StringComparison.Ordinal) || squashed.Contains(Squash(w), StringComparison.Ordinal)))
            return Error("PasswordContainsUserName", Messages.PasswordPersonal);
        if (DeploymentWords.Any(w => squashed.Contains(w, StringComparison.Ordinal)))
            return Error("PasswordDeploymentWord", Messages.PasswordDeploymentWord);
        if (Common.Value.Contains(lower)) return Error("PasswordTooCommon", Messages.PasswordTooCommon);
        if (Breached.Value.Contains(lower)) return Error("PasswordBreached", Messages.PasswordBreached);
        if (Patterned(password) is { } pattern) return Error(pattern.Code, pattern.Message);
        var estimate = Estimator.Value.EvaluatePassword(password, [.. PersonalWords(userName, displayName), .. DeploymentWords]);
        return estimate.Score < MinimumScore ? Error("PasswordWeak", Messages.PasswordWeak) : null;
    }

    /// <summary>zxcvbn's score (0–4) of a password, with the breached list as one more dictionary (for tests and the docs).</summary>
    public static int Score(string password) => Estimator.Value.EvaluatePassword(password, []).Score;

    // Letters and digits covered by walks, dates, sequences and repeats; null when enough are left over.
    private static (string Code, Message Message)? Patterned(string password)
    {
        var keys = Keys(password);
        if (keys.Length == 0) return ("PasswordPattern", Messages.PasswordPattern);
        var covered = new int[keys.Length]; // 0: not covered; else the kind: 1 sequence or repeat, 2 date, 3 walk (the first to claim a key names it)
        foreach (Match date in Dates().Matches(keys)) Mark(covered, [(date.Index, date.Length)], 2);
        Mark(covered, Sequences(keys), 1);
        Mark(covered, Repeats(keys), 1);
        Mark(covered, WalkSpans(keys), 3);
        var own = Enumerable.Range(0, keys.Length).Count(i => covered[i] == 0 && char.IsLetterOrDigit(keys[i]));
        if (own >= MinimumOwnCharacters) return null;
        var kind = covered.Where(k => k > 0).GroupBy(k => k).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstOrDefault();
        return kind switch
        {
            3 => ("PasswordKeyboardWalk", Messages.PasswordKeyboardWalk),
            2 => ("PasswordDate", Messages.PasswordDate),
            _ => ("PasswordPattern", Messages.PasswordPattern),
        };
    }

    private static void Mark(int[] covered, IEnumerable<(int Start, int Length)> spans, int kind)
    {
        foreach (var (start, length) in spans)
        {
            for (var i = start; i < start + length; i++)
            {
                if (covered[i] == 0) covered[i] = kind;
            }
        }
    }

    // Runs of four or more characters each one up or one down from the one before (1234, abcd, 9876, 8901 does not count).
    private static IEnumerable<(int, int)> Sequences(string keys)
    {
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            var step = end < keys.Length ? keys[end] - keys[start] : 0;
            if (step is 1 or -1 && char.IsLetterOrDigit(keys[start]))
            {
                while (end < keys.Length && keys[end] - keys[end - 1] == step && char.IsLetterOrDigit(keys[end])) end++;
                if (end - start >= 4) yield return (start, end - start);
                start = end - 1 == start ? start + 1 : end - 1;
            }
            else
            {
                start++;
            }
        }
    }

    // A piece of one to four characters repeated so that it covers four or more (aaaa, abab, 123123, 52015201).
    private static IEnumerable<(int, int)> Repeats(string keys)
    {
        for (var start = 0; start < keys.Length; start++)
        {
            for (var unit = 1; unit <= 4; unit++)
            {
                var end = start + unit;
                while (end < keys.Length && keys[end] == keys[end - unit]) end++;
                if (end - start >= Math.Max(4, 2 * unit)) yield return (start, end - start);
            }
        }
    }

    // The longest stretch of four or more keys at each place that is part of a keyboard walk.
    private static IEnumerable<(int, int)> WalkSpans(string keys)
    {
        for (var start = 0; start <= keys.Length - 4; start++)
        {
            for (var length = keys.Length - start; length >= 4; length--)
            {
                var piece = keys.Substring(start, length);
                if (!Walks.Any(w => w.Contains(piece, StringComparison.Ordinal))) continue;
                yield return (start, length);
                break;
            }
        }
    }

    // The password as keys: lowercase, every shifted symbol as the key it is typed with (! is 1, @ is 2, # is 3).
    private static string Keys(string password)
    {
        var keys = new StringBuilder(password.Length);
        foreach (var c in password.ToLowerInvariant())
        {
            var shifted = Shifted.IndexOf(c, StringComparison.Ordinal);
            keys.Append(shifted >= 0 ? Unshifted[shifted] : c);
        }

        return keys.ToString();
    }

    // Only letters and digits (any script), lowercase: "Demo-Password-2021" → "demopassword2021".
    private static string Squash(string text) => string.Concat(text.ToLowerInvariant().Where(char.IsLetterOrDigit));

    // The user's own words worth refusing: the user name (3+), its parts of 4+ (wenxi of wenxi.official), the display name (2+).
    private static IEnumerable<string> PersonalWords(string? userName, string? displayName)
    {
        if (userName is { Length: >= 3 } name)
        {
            var lower = name.ToLowerInvariant();
            yield return lower;
            foreach (var part in lower.Split(['.', '_', '-', '@'], StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length >= 4 && p != lower)) yield return part;
        }

        if (displayName?.Trim() is { Length: >= 2 } shown) yield return shown.ToLowerInvariant();
    }

    // Dates from 1900 to 2099: 19900101, 1990-01-01, 1990.1.1, 1990/01/01, 1990年1月1日, 01011990, 900101; and years alone.
    [GeneratedRegex(@"(?:19|20)\d\d(?:[-./年]?(?:0?[1-9]|1[0-2])(?:[-./月]?(?:0?[1-9]|[12]\d|3[01])日?)?)?|(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)\d\d|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:19|20)\d\d|\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])", RegexOptions.CultureInvariant)]
    private static partial Regex Dates();

    private static string[] WithReverses(params string[] walks) => [.. walks, .. walks.Select(w => new string(w.Reverse().ToArray()))];

    private static IdentityError Error(string code, Message message) => new() { Code = code, Description = message.Text };

    private static HashSet<string> Load(string name) => new(LoadList(name), StringComparer.Ordinal);

    private static List<string> LoadList(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"EduDuty.Application.Security.{name}")
            ?? throw new InvalidOperationException($"{name} is not embedded.");
        using var reader = new StreamReader(stream);
        var list = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0) list.Add(line);
        }

        return list;
    }

    // zxcvbn's own matchers as its default factory makes them (which the package keeps internal), with its own word lists, and,
    // as one more dictionary (with its l33t variants), the breached list ranked by frequency.
    private sealed class BreachedMatchers : Zxcvbn.IMatcherFactory
    {
        private static readonly string[] Lists = ["passwords", "english", "male_names", "female_names", "surnames", "us_tv_and_film"];
        private readonly List<Zxcvbn.Matcher.IMatcher> _matchers;

        public BreachedMatchers(IReadOnlyList<string> breached)
        {
            var assembly = typeof(Zxcvbn.Zxcvbn).Assembly;
            var dictionaries = Lists.Select(name => new Zxcvbn.Matcher.DictionaryMatcher(name, Lines(assembly, $"zxcvbn-core.Dictionaries.{name}.lst")))
                .Append(new Zxcvbn.Matcher.DictionaryMatcher("breached", breached)).ToList();
            _matchers =
            [
                new Zxcvbn.Matcher.RepeatMatcher(), new Zxcvbn.Matcher.SequenceMatcher(),
                new Zxcvbn.Matcher.RegexMatcher("\\d{3,}", 10, true, "digits"), new Zxcvbn.Matcher.RegexMatcher("19\\d\\d|20\\d\\d", 200, false, "year"),
                new Zxcvbn.Matcher.DateMatcher(), new Zxcvbn.Matcher.SpatialMatcher(), .. dictionaries, new Zxcvbn.Matcher.L33tMatcher(dictionaries),
            ];
        }

        public IEnumerable<Zxcvbn.Matcher.IMatcher> CreateMatchers(IEnumerable<string> userInputs) =>
            [.. _matchers, new Zxcvbn.Matcher.DictionaryMatcher("user_inputs", userInputs)];

        private static List<string> Lines(Assembly assembly, string resource)
        {
            using var stream = assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"zxcvbn's {resource} is missing.");
            using var reader = new StreamReader(stream);
            var lines = new List<string>();
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0) lines.Add(line);
            }

            return lines;
        }
    }
}
