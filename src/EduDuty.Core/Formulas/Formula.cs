namespace EduDuty.Core.Formulas;

/// <summary>
/// A parsed scheme formula (grammar in docs/scheme-format.md). Parsed once when the scheme loads;
/// evaluation walks this tree with decimal arithmetic.
/// </summary>
public sealed class Formula
{
    internal Formula(string text, FormulaNode root)
    {
        Text = text;
        Root = root;
        References = root.References().Distinct(StringComparer.Ordinal).ToList();
    }

    public string Text { get; }

    public FormulaNode Root { get; }

    /// <summary>Every field code the formula reads, in order of first appearance.</summary>
    public IReadOnlyList<string> References { get; }

    /// <summary>True when the top level is a comparison (<c>a == b</c>) or <c>all_pass(…)</c>: the formula yields 是/否.</summary>
    public bool YieldsBool => Root is ComparisonNode or AllPassNode;

    public override string ToString() => Text;
}

public abstract record FormulaNode
{
    public abstract IEnumerable<string> References();
}

public sealed record NumberNode(decimal Value) : FormulaNode
{
    public override IEnumerable<string> References() => [];
}

public sealed record FieldNode(string Code) : FormulaNode
{
    public override IEnumerable<string> References() => [Code];
}

public sealed record NegateNode(FormulaNode Operand) : FormulaNode
{
    public override IEnumerable<string> References() => Operand.References();
}

public enum ArithmeticOp { Add, Subtract, Multiply, Divide }

public sealed record BinaryNode(ArithmeticOp Op, FormulaNode Left, FormulaNode Right) : FormulaNode
{
    public override IEnumerable<string> References() => Left.References().Concat(Right.References());
}

public sealed record SumNode(IReadOnlyList<string> Codes) : FormulaNode
{
    public override IEnumerable<string> References() => Codes;
}

/// <summary><c>all_pass(…)</c>: true when every listed indicator passes its own threshold.</summary>
public sealed record AllPassNode(IReadOnlyList<string> Codes) : FormulaNode
{
    public override IEnumerable<string> References() => Codes;
}

/// <summary><c>a == b</c>: exact equality of two numeric expressions; only at the top level.</summary>
public sealed record ComparisonNode(FormulaNode Left, FormulaNode Right) : FormulaNode
{
    public override IEnumerable<string> References() => Left.References().Concat(Right.References());
}
