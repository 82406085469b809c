using System.Globalization;

namespace EduDuty.Core.Formulas;

/// <summary>
/// Recursive-descent parser for the scheme formula grammar:
/// <code>
/// formula := "all_pass" "(" codes ")" | expr ("==" expr)?
/// expr    := term (("+" | "-") term)*
/// term    := unary (("*" | "/") unary)*
/// unary   := "-" unary | primary
/// primary := number | "[" code "]" | "sum" "(" codes ")" | "(" expr ")"
/// codes   := "[" code "]" ("," "[" code "]")*
/// </code>
/// <c>all_pass</c> stands only for the whole formula; anywhere else it is refused with its position. Nesting is limited to
/// <see cref="MaxDepth"/> levels, so that no file can exhaust the stack. Why our own parser: docs/decisions/0003-formula-parser.md.
/// </summary>
public static class FormulaParser
{
    /// <summary>Parentheses and unary minus nested deeper than this are refused; real formulas use three or four.</summary>
    public const int MaxDepth = 64;

    /// <summary>Longer formulas are refused before parsing; the longest in SX-2021 has about 200 characters.</summary>
    public const int MaxLength = 4000;

    public static Formula Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength) throw new FormulaSyntaxException($"公式过长（最多 {MaxLength} 个字符）", 0);
        var reader = new Reader(text);
        FormulaRoot root;
        if (reader.TryConsumeWord("all_pass"))
        {
            root = new AllPassRoot(reader.ParseCodeList());
            reader.ExpectEnd("all_pass(…) 只能单独作为整个公式使用，不能参与计算或比较");
        }
        else
        {
            var left = reader.ParseExpression();
            root = reader.TryConsume("==") ? new ComparisonRoot(left, reader.ParseExpression()) : new NumericRoot(left);
        }

        reader.ExpectEnd();
        return new Formula(text, root);
    }

    private sealed class Reader(string text)
    {
        private int _pos;
        private int _depth;

        public NumericNode ParseExpression()
        {
            Enter();
            var node = ParseTerm();
            while (true)
            {
                if (TryConsume("+")) node = new BinaryNode(ArithmeticOp.Add, node, ParseTerm());
                else if (TryConsume("-")) node = new BinaryNode(ArithmeticOp.Subtract, node, ParseTerm());
                else break;
            }

            _depth--;
            return node;
        }

        private NumericNode ParseTerm()
        {
            var node = ParseUnary();
            while (true)
            {
                if (TryConsume("*")) node = new BinaryNode(ArithmeticOp.Multiply, node, ParseUnary());
                else if (TryConsume("/")) node = new BinaryNode(ArithmeticOp.Divide, node, ParseUnary());
                else return node;
            }
        }

        private NumericNode ParseUnary()
        {
            if (!TryConsume("-")) return ParsePrimary();
            Enter();
            var operand = ParseUnary();
            _depth--;
            return new NegateNode(operand);
        }

        private NumericNode ParsePrimary()
        {
            SkipSpace();
            if (_pos >= text.Length) throw Error("公式意外结束，缺少数字、[字段代码] 或括号");

            var c = text[_pos];
            if (c == '[') return new FieldNode(ParseCode());
            if (char.IsAsciiDigit(c)) return new NumberNode(ParseNumber());
            if (TryConsume("("))
            {
                var inner = ParseExpression();
                Expect(")");
                return inner;
            }

            if (char.IsAsciiLetter(c)) return ParseFunction();
            throw Error($"无法识别的字符 “{c}”");
        }

        private SumNode ParseFunction()
        {
            var start = _pos;
            while (_pos < text.Length && (char.IsAsciiLetter(text[_pos]) || text[_pos] == '_')) _pos++;
            var name = text[start.._pos];
            _pos = start;
            if (name == "all_pass") throw Error("all_pass(…) 只能单独作为整个公式使用，不能参与计算或比较");
            if (name != "sum") throw Error($"未知函数 “{name}”，只支持 sum 和 all_pass");
            _pos += name.Length;
            return new SumNode(ParseCodeList());
        }

        public IReadOnlyList<string> ParseCodeList()
        {
            Expect("(");
            var codes = new List<string> { ParseCode() };
            while (TryConsume(",")) codes.Add(ParseCode());
            Expect(")");
            return codes;
        }

        private string ParseCode()
        {
            Expect("[");
            var start = _pos;
            var end = text.IndexOf(']', _pos);
            if (end < 0) throw Error("字段代码缺少右方括号 “]”");
            var code = text[start..end].Trim();
            if (code.Length == 0) throw Error("方括号中缺少字段代码");
            _pos = end + 1;
            return code;
        }

        private decimal ParseNumber()
        {
            var start = _pos;
            while (_pos < text.Length && char.IsAsciiDigit(text[_pos])) _pos++;
            if (_pos < text.Length && text[_pos] == '.')
            {
                _pos++;
                if (_pos >= text.Length || !char.IsAsciiDigit(text[_pos])) throw Error("小数点后缺少数字");
                while (_pos < text.Length && char.IsAsciiDigit(text[_pos])) _pos++;
            }

            if (!decimal.TryParse(text.AsSpan(start, _pos - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                _pos = start;
                throw Error("数字超出范围");
            }

            return value;
        }

        public bool TryConsume(string token)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, _pos, token, 0, token.Length) != 0) return false;
            _pos += token.Length;
            return true;
        }

        /// <summary>Consumes a function name only when it is followed by "(", so that a name is never half-read.</summary>
        public bool TryConsumeWord(string word)
        {
            SkipSpace();
            var end = _pos + word.Length;
            if (string.CompareOrdinal(text, _pos, word, 0, word.Length) != 0) return false;
            if (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) return false;
            _pos = end;
            return true;
        }

        private void Expect(string token)
        {
            if (!TryConsume(token)) throw Error($"此处应为 “{token}”");
        }

        public void ExpectEnd(string? why = null)
        {
            SkipSpace();
            if (_pos >= text.Length) return;
            var rest = text[_pos..];
            throw Error(why ?? $"多余的内容 “{(rest.Length > 20 ? rest[..20] + "…" : rest)}”");
        }

        private void Enter()
        {
            if (++_depth > MaxDepth) throw Error($"括号或负号嵌套超过 {MaxDepth} 层");
        }

        private void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++;
        }

        private FormulaSyntaxException Error(string message) => new(message, _pos);
    }
}

public sealed class FormulaSyntaxException(string message, int position)
    : Exception($"{message}（第 {position + 1} 个字符处）")
{
    public int Position { get; } = position;
}
