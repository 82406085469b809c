using System.Runtime.CompilerServices;
using EduDuty.Core.Figures;
using EduDuty.Core.Formulas;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Rules;

/// <summary>
/// Turns a county's figures into every field's value and judgment under one scheme. Built once per scheme
/// (<see cref="For"/>): derived fields are put in dependency order then, so an evaluation is one pass over the fields.
/// Decimal arithmetic throughout; a missing input or a division by zero makes a value "not entered", never an exception.
/// </summary>
public sealed class RuleEngine
{
    private static readonly ConditionalWeakTable<Scheme, RuleEngine> Engines = new();

    private readonly Scheme _scheme;
    private readonly SchemeField[] _derivedInOrder;

    private RuleEngine(Scheme scheme)
    {
        _scheme = scheme;
        _derivedInOrder = DependencyOrder(scheme);
    }

    public static RuleEngine For(Scheme scheme) => Engines.GetValue(scheme, s => new RuleEngine(s));

    public EvaluationResult Evaluate(IReadOnlyDictionary<string, FieldValue> figures)
    {
        var results = new Dictionary<string, FieldResult>(_scheme.Fields.Count, StringComparer.Ordinal);
        foreach (var field in _scheme.Fields)
        {
            if (field.Kind.IsInput()) results[field.Code] = JudgeInput(field, figures.TryGetValue(field.Code, out var v) ? v : null);
        }

        var context = new Context(_scheme, results);
        foreach (var field in _derivedInOrder)
        {
            results[field.Code] = JudgeDerived(field, context);
        }

        return new EvaluationResult(_scheme, _scheme.Fields.Select(f => results[f.Code]).ToList());
    }

    private static FieldResult JudgeInput(SchemeField field, FieldValue? value)
    {
        if (value is not { } v) return new FieldResult(field, null, JudgmentStatus.NotEntered, "未填写");
        var expected = field.Kind switch
        {
            FieldKind.Number => FieldValueType.Number,
            FieldKind.Bool => FieldValueType.Flag,
            _ => FieldValueType.Text,
        };
        if (v.Type != expected) return new FieldResult(field, null, JudgmentStatus.NotEntered, "填写的值类型不符，请重新填写");
        if (v.Type == FieldValueType.Text && string.IsNullOrWhiteSpace(v.Text)) return new FieldResult(field, null, JudgmentStatus.NotEntered, "未填写");
        return Judgments.Judge(field, v);
    }

    private static FieldResult JudgeDerived(SchemeField field, Context context)
    {
        var formula = field.Formula!;
        Computed computed = formula.Root switch
        {
            ComparisonNode c => context.Compare(c),
            AllPassNode a => context.AllPass(a),
            var node => context.Number(node),
        };
        return computed.Value is { } value
            ? Judgments.Judge(field, value)
            : new FieldResult(field, null, JudgmentStatus.NotEntered, computed.Problem!);
    }

    private static SchemeField[] DependencyOrder(Scheme scheme)
    {
        var order = new List<SchemeField>();
        var visited = new HashSet<string>(StringComparer.Ordinal);

        void Visit(SchemeField field)
        {
            if (field.Formula is null || !visited.Add(field.Code)) return;
            foreach (var code in field.Formula.References) Visit(scheme.FindField(code)!);
            order.Add(field);
        }

        foreach (var field in scheme.Fields) Visit(field);
        return [.. order];
    }

    private readonly record struct Computed(FieldValue? Value, string? Problem)
    {
        public static Computed Of(FieldValue value) => new(value, null);

        public static Computed Missing(string problem) => new(null, problem);
    }

    private readonly record struct NumberOrProblem(decimal Value, string? Problem);

    private sealed class Context(Scheme scheme, Dictionary<string, FieldResult> results)
    {
        public Computed Number(FormulaNode node)
        {
            var n = Eval(node);
            return n.Problem is null ? Computed.Of(FieldValue.Of(n.Value)) : Computed.Missing(n.Problem);
        }

        public Computed Compare(ComparisonNode node)
        {
            var left = Eval(node.Left);
            if (left.Problem is not null) return Computed.Missing(left.Problem);
            var right = Eval(node.Right);
            if (right.Problem is not null) return Computed.Missing(right.Problem);
            return Computed.Of(FieldValue.Of(left.Value == right.Value));
        }

        public Computed AllPass(AllPassNode node)
        {
            string? pending = null;
            foreach (var code in node.Codes)
            {
                var result = results[code];
                if (result.Status == JudgmentStatus.Fail) return Computed.Of(FieldValue.Of(false));
                if (result.Status != JudgmentStatus.Pass) pending ??= $"无法判断：{Name(code)} 尚无结果";
            }

            return pending is null ? Computed.Of(FieldValue.Of(true)) : Computed.Missing(pending);
        }

        private NumberOrProblem Eval(FormulaNode node)
        {
            switch (node)
            {
                case NumberNode n:
                    return new(n.Value, null);
                case FieldNode f:
                    return Read(f.Code);
                case NegateNode neg:
                {
                    var v = Eval(neg.Operand);
                    return v.Problem is null ? new(-v.Value, null) : v;
                }

                case SumNode sum:
                {
                    var total = 0m;
                    foreach (var code in sum.Codes)
                    {
                        var v = Read(code);
                        if (v.Problem is not null) return v;
                        total += v.Value;
                    }

                    return new(total, null);
                }

                case BinaryNode b:
                {
                    var left = Eval(b.Left);
                    if (left.Problem is not null) return left;
                    var right = Eval(b.Right);
                    if (right.Problem is not null) return right;
                    return Apply(b, left.Value, right.Value);
                }

                default:
                    throw new InvalidOperationException($"Unexpected formula node {node.GetType().Name}");
            }
        }

        private NumberOrProblem Apply(BinaryNode node, decimal left, decimal right)
        {
            try
            {
                return node.Op switch
                {
                    ArithmeticOp.Add => new(left + right, null),
                    ArithmeticOp.Subtract => new(left - right, null),
                    ArithmeticOp.Multiply => new(left * right, null),
                    _ when right == 0 => new(0, $"无法计算：{ZeroDivisor(node.Right)} 为 0"),
                    _ => new(left / right, null),
                };
            }
            catch (OverflowException)
            {
                return new(0, "无法计算：数值过大，请核对填报数");
            }
        }

        private string ZeroDivisor(FormulaNode divisor) => divisor switch
        {
            FieldNode f => Name(f.Code),
            SumNode s => string.Join(" + ", s.Codes.Select(Name)),
            _ => "分母",
        };

        private NumberOrProblem Read(string code)
        {
            var result = results[code];
            if (result.Value is { Type: FieldValueType.Number } v) return new(v.Number, null);
            return new(0, result.Field.Kind.IsInput()
                ? $"无法计算：{Name(code)} 未填写"
                : result.Reason.StartsWith("无法", StringComparison.Ordinal) ? result.Reason : $"无法计算：{Name(code)} 尚无结果");
        }

        private string Name(string code) => $"{code} {scheme.FindField(code)!.NameZh}";
    }
}
