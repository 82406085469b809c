using System.Globalization;

namespace EduDuty.Core.Formulas;

/// <summary>
/// Recursive-descent parser for the scheme formula grammar:
/// <code>
/// formula := expr ("==" expr)?
/// expr    := term (("+" | "-") term)*
/// term    := unary (("*" | "/") unary)*
/// unary   := "-" unary | primary
/// primary := number | "[" code "]" | ("sum" | "all_pass") "(" "[" code "]" ("," "[" code "]")* ")" | "(" expr ")"
/// </code>
/// Why our own parser rather than an expression library: see docs/decisions/0003-formula-parser.md.
/// </summary>
public static class FormulaParser
{
    public static Formula Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new Reader(text);
        var left = reader.ParseExpression();
        FormulaNode root = left;
        if (reader.TryConsume("=="))
        {
            var right = reader.ParseExpression();
            root = new ComparisonNode(left, right);
        }

        reader.ExpectEnd();
        if (root is not ComparisonNode && ContainsAllPass(left) && left is not AllPassNode)
        {
            throw new FormulaSyntaxException("all_pass(…) 只能单独作为整个公式使用", 0);
        }

        return new Formula(text, root);
    }

    private static bool ContainsAllPass(FormulaNode node) => node switch
    {
        AllPassNode => true,
        NegateNode n => ContainsAllPass(n.Operand),
        BinaryNode b => ContainsAllPass(b.Left) || ContainsAllPass(b.Right),
        ComparisonNode c => ContainsAllPass(c.Left) || ContainsAllPass(c.Right),
        _ => false,
    };

    private sealed class Reader(string text)
    {
        private int _pos;

        public FormulaNode ParseExpression()
        {
            var node = ParseTerm();
            while (true)
            {
                if (TryConsume("+")) node = new BinaryNode(ArithmeticOp.Add, node, ParseTerm());
                else if (TryConsume("-")) node = new BinaryNode(ArithmeticOp.Subtract, node, ParseTerm());
                else return node;
            }
        }

        private FormulaNode ParseTerm()
        {
            var node = ParseUnary();
            while (true)
            {
                if (TryConsume("*")) node = new BinaryNode(ArithmeticOp.Multiply, node, ParseUnary());
                else if (TryConsume("/")) node = new BinaryNode(ArithmeticOp.Divide, node, ParseUnary());
                else return node;
            }
        }

        private FormulaNode ParseUnary() => TryConsume("-") ? new NegateNode(ParseUnary()) : ParsePrimary();

        private FormulaNode ParsePrimary()
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

        private FormulaNode ParseFunction()
        {
            var start = _pos;
            while (_pos < text.Length && (char.IsAsciiLetter(text[_pos]) || text[_pos] == '_')) _pos++;
            var name = text[start.._pos];
            if (name is not ("sum" or "all_pass"))
            {
                _pos = start;
                throw Error($"未知函数 “{name}”，只支持 sum 和 all_pass");
            }

            Expect("(");
            var codes = new List<string> { ParseCode() };
            while (TryConsume(",")) codes.Add(ParseCode());
            Expect(")");
            return name == "sum" ? new SumNode(codes) : new AllPassNode(codes);
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

        private void Expect(string token)
        {
            if (!TryConsume(token)) throw Error($"此处应为 “{token}”");
        }

        public void ExpectEnd()
        {
            SkipSpace();
            if (_pos < text.Length) throw Error($"多余的内容 “{text[_pos..]}”");
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
