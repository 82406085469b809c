namespace EduDuty.Core.Formulas;

/// <summary>
/// A parsed scheme formula (grammar in docs/scheme-format.md). Parsed once when the scheme loads; evaluation walks the tree
/// with decimal arithmetic. The shape of the tree is the grammar's: a formula is a numeric expression, one comparison of two
/// numeric expressions, or <c>all_pass(…)</c> on its own, so no evaluation can meet a node where it does not belong.
/// </summary>
public sealed class Formula
{
    internal Formula(string text, FormulaRoot root)
    {
        Text = text;
        Root = root;
        References = root.References().Distinct(StringComparer.Ordinal).ToList();
    }

    public string Text { get; }

    public FormulaRoot Root { get; }

    /// <summary>Every field code the formula reads, in order of first appearance.</summary>
    public IReadOnlyList<string> References { get; }

    /// <summary>True when the formula is a comparison (<c>a == b</c>) or <c>all_pass(…)</c>: it yields 是/否.</summary>
    public bool YieldsBool => Root is not NumericRoot;

    public override string ToString() => Text;
}

/// <summary>The top of a formula: what kind of value it yields.</summary>
public abstract record FormulaRoot
{
    public abstract IEnumerable<string> References();

    /// <summary>Computes the formula's value from the other fields' results (each kind of root knows how).</summary>
    public abstract FormulaOutcome Evaluate(IFormulaInputs inputs);

    /// <summary>The formula in words for the indicator help: "公办园在园幼儿数 ÷ 在园幼儿总数 × 100" (<paramref name="name"/> names a field).</summary>
    public abstract string Describe(Func<string, string> name);
}

/// <summary>A numeric expression: the formula yields a number.</summary>
public sealed record NumericRoot(NumericNode Expression) : FormulaRoot
{
    public override IEnumerable<string> References() => Expression.References();

    public override string Describe(Func<string, string> name) => Expression.Describe(name, 0);

    public override FormulaOutcome Evaluate(IFormulaInputs inputs) => Expression.Evaluate(inputs) switch
    {
        { Problem: { } problem } => FormulaOutcome.NotComputable(problem),
        var n => FormulaOutcome.Of(n.Value),
    };
}

/// <summary><c>a == b</c>: exact equality of two numeric expressions.</summary>
public sealed record ComparisonRoot(NumericNode Left, NumericNode Right) : FormulaRoot
{
    public override IEnumerable<string> References() => Left.References().Concat(Right.References());

    public override string Describe(Func<string, string> name) => $"{Left.Describe(name, 0)} 与 {Right.Describe(name, 0)} 相等";

    public override FormulaOutcome Evaluate(IFormulaInputs inputs)
    {
        var left = Left.Evaluate(inputs);
        if (left.Problem is { } l) return FormulaOutcome.NotComputable(l);
        var right = Right.Evaluate(inputs);
        if (right.Problem is { } r) return FormulaOutcome.NotComputable(r);
        return FormulaOutcome.Of(left.Value == right.Value);
    }
}

/// <summary><c>all_pass(…)</c>: true when every listed indicator passes its own threshold, false as soon as one fails.</summary>
public sealed record AllPassRoot(IReadOnlyList<string> Codes) : FormulaRoot
{
    public override IEnumerable<string> References() => Codes;

    public override string Describe(Func<string, string> name) => "以下各项均达标：" + string.Join("、", Codes.Select(name));

    public override FormulaOutcome Evaluate(IFormulaInputs inputs)
    {
        string? pending = null;
        foreach (var code in Codes)
        {
            switch (inputs.Verdict(code))
            {
                case false: return FormulaOutcome.Of(false);
                case null: pending ??= $"无法判断：{inputs.Describe(code)} 尚无结果"; break;
            }
        }

        return pending is null ? FormulaOutcome.Of(true) : FormulaOutcome.NotComputable(pending);
    }
}

/// <summary>A node of a numeric expression.</summary>
public abstract record NumericNode
{
    public abstract IEnumerable<string> References();

    public abstract NumberOutcome Evaluate(IFormulaInputs inputs);

    /// <summary>The node in words, in parentheses when it binds less tightly than its parent needs (<paramref name="context"/>:
    /// 0 at the top, 1 under + or −, 2 under × or ÷, 3 as the right side of − or ÷).</summary>
    public abstract string Describe(Func<string, string> name, int context);
}

public sealed record NumberNode(decimal Value) : NumericNode
{
    public override IEnumerable<string> References() => [];

    public override string Describe(Func<string, string> name, int context) =>
        (Value / 1.0000000000000000000000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override NumberOutcome Evaluate(IFormulaInputs inputs) => NumberOutcome.Of(Value);
}

public sealed record FieldNode(string Code) : NumericNode
{
    public override IEnumerable<string> References() => [Code];

    public override string Describe(Func<string, string> name, int context) => name(Code);

    public override NumberOutcome Evaluate(IFormulaInputs inputs) => inputs.Number(Code);
}

public sealed record NegateNode(NumericNode Operand) : NumericNode
{
    public override IEnumerable<string> References() => Operand.References();

    public override string Describe(Func<string, string> name, int context) => "−" + Operand.Describe(name, 3);

    public override NumberOutcome Evaluate(IFormulaInputs inputs) => Operand.Evaluate(inputs) switch
    {
        { Problem: null } v => NumberOutcome.Of(-v.Value),
        var problem => problem,
    };
}

public enum ArithmeticOp { Add, Subtract, Multiply, Divide }

public sealed record BinaryNode(ArithmeticOp Op, NumericNode Left, NumericNode Right) : NumericNode
{
    public override IEnumerable<string> References() => Left.References().Concat(Right.References());

    public override string Describe(Func<string, string> name, int context)
    {
        var additive = Op is ArithmeticOp.Add or ArithmeticOp.Subtract;
        var level = additive ? 1 : 2;
        var symbol = Op switch { ArithmeticOp.Add => "+", ArithmeticOp.Subtract => "−", ArithmeticOp.Multiply => "×", _ => "÷" };
        var rightContext = Op is ArithmeticOp.Subtract or ArithmeticOp.Divide ? level + 1 : level;
        var text = $"{Left.Describe(name, level)} {symbol} {Right.Describe(name, rightContext)}";
        return context > level ? $"（{text}）" : text;
    }

    public override NumberOutcome Evaluate(IFormulaInputs inputs)
    {
        var left = Left.Evaluate(inputs);
        if (left.Problem is not null) return left;
        var right = Right.Evaluate(inputs);
        if (right.Problem is not null) return right;
        try
        {
            return Op switch
            {
                ArithmeticOp.Add => NumberOutcome.Of(left.Value + right.Value),
                ArithmeticOp.Subtract => NumberOutcome.Of(left.Value - right.Value),
                ArithmeticOp.Multiply => NumberOutcome.Of(left.Value * right.Value),
                _ when right.Value == 0 => NumberOutcome.NotComputable($"无法计算：{ZeroDivisor(inputs)} 为 0"),
                _ => NumberOutcome.Of(left.Value / right.Value),
            };
        }
        catch (OverflowException)
        {
            return NumberOutcome.NotComputable("无法计算：数值过大，请核对填报数");
        }
    }

    private string ZeroDivisor(IFormulaInputs inputs) => Right switch
    {
        FieldNode f => inputs.Describe(f.Code),
        SumNode s => string.Join(" + ", s.Codes.Select(inputs.Describe)),
        _ => "分母",
    };
}

public sealed record SumNode(IReadOnlyList<string> Codes) : NumericNode
{
    public override IEnumerable<string> References() => Codes;

    public override string Describe(Func<string, string> name, int context)
    {
        var text = string.Join(" + ", Codes.Select(name));
        return Codes.Count > 1 && context > 1 ? $"（{text}）" : text;
    }

    public override NumberOutcome Evaluate(IFormulaInputs inputs)
    {
        var total = 0m;
        foreach (var code in Codes)
        {
            var v = inputs.Number(code);
            if (v.Problem is not null) return v;
            try
            {
                total += v.Value;
            }
            catch (OverflowException)
            {
                return NumberOutcome.NotComputable("无法计算：数值过大，请核对填报数");
            }
        }

        return NumberOutcome.Of(total);
    }
}

/// <summary>What a formula reads: other fields' numbers and verdicts, and their names for the reasons it gives.</summary>
public interface IFormulaInputs
{
    /// <summary>The field's number, or why there is none ("无法计算：A10.01 在园幼儿数 未填写").</summary>
    NumberOutcome Number(string code);

    /// <summary>True when the field passes its threshold, false when it fails, null when it has no verdict yet.</summary>
    bool? Verdict(string code);

    /// <summary>"A10.01 在园幼儿数": how a reason names a field.</summary>
    string Describe(string code);
}

/// <summary>A number, or the reason it cannot be computed.</summary>
public readonly record struct NumberOutcome(decimal Value, string? Problem)
{
    public static NumberOutcome Of(decimal value) => new(value, null);

    public static NumberOutcome NotComputable(string problem) => new(0, problem);
}

/// <summary>A formula's value (a number or 是/否), or the reason it cannot be computed.</summary>
public readonly record struct FormulaOutcome(decimal? Number, bool? Flag, string? Problem)
{
    public static FormulaOutcome Of(decimal number) => new(number, null, null);

    public static FormulaOutcome Of(bool flag) => new(null, flag, null);

    public static FormulaOutcome NotComputable(string problem) => new(null, null, problem);
}
