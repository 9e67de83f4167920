using Linea.Calc.Exact;
using Linea.Calc.Shapes;
using Linea.Calc.Syntax;

namespace Linea.Calc.Evaluation;

/// <summary>
/// Walks statement trees and computes their values. Every node checks the clock; every exception from Linea or
/// from exact arithmetic becomes a <see cref="CalcException"/> positioned at the node that raised it. Recursion is
/// bounded by the parser's depth limit.
/// </summary>
internal sealed partial class Evaluator(EvalContext ctx)
{
    private static readonly Dictionary<string, Func<Value>> Constants = new(StringComparer.Ordinal)
    {
        ["pi"] = () => FloatValue.Scalar(Math.PI),
        ["e"] = () => FloatValue.Scalar(Math.E),
        ["inf"] = () => FloatValue.Scalar(double.PositiveInfinity),
        ["nan"] = () => FloatValue.Scalar(double.NaN),
        ["true"] = () => ExactValue.Scalar(BigRational.One),
        ["false"] = () => ExactValue.Scalar(BigRational.Zero),
        ["True"] = () => ExactValue.Scalar(BigRational.One),
        ["False"] = () => ExactValue.Scalar(BigRational.Zero),
    };

    /// <summary>Names that are always defined: pi, e, inf, nan, true, false.</summary>
    public static IEnumerable<string> ConstantNames => Constants.Keys;

    public StatementResult Run(Statement statement)
    {
        ctx.Warnings.Clear();
        try
        {
            return statement switch
            {
                ExpressionStatement s => Result(s, ResultKind.Value, Eval(s.Expression)),
                ExplainStatement s => Result(s, ResultKind.Value, Explain(s.Expression)),
                AssignmentStatement s => Assign(s),
                ShapeDeclaration s => Declare(s),
                _ => throw new InvalidOperationException(statement.GetType().Name),
            };
        }
        catch (OperationCanceledException) when (ctx.Token.IsCancellationRequested)
        {
            return Failure(statement, ctx.LimitError());
        }
        catch (Exception e) when (ErrorTranslation.Translate(e) is { } calc)
        {
            return Failure(statement, calc);
        }
    }

    private StatementResult Failure(Statement statement, CalcException error) => new()
    {
        Line = statement.Span.Line,
        Source = statement.Source,
        Kind = ResultKind.Error,
        Error = ErrorTranslation.WithPosition(error, statement.Span),
        Warnings = ctx.Warnings.ToList(),
    };

    private StatementResult Result(Statement s, ResultKind kind, Value value, IReadOnlyList<string>? names = null) => new()
    {
        Line = s.Span.Line,
        Source = s.Source,
        Kind = kind,
        Value = value,
        Names = names ?? [],
        Warnings = ctx.Warnings.ToList(),
    };

    private StatementResult Assign(AssignmentStatement s)
    {
        var value = Eval(s.Value);
        if (s.Targets.Count == 1)
        {
            ctx.Environment.Set(s.Targets[0], value);
            return Result(s, ResultKind.Assignment, value, s.Targets);
        }
        if (value is not TupleValue t)
            throw new CalcTypeException($"{s.Targets.Count} names are on the left of '=', but the right side is {value.Describe()}")
            { Line = s.Span.Line, Column = s.Span.Column };
        if (t.Items.Count != s.Targets.Count)
            throw new CalcTypeException($"{s.Targets.Count} names are on the left of '=', but the right side has {t.Items.Count} values")
            { Line = s.Span.Line, Column = s.Span.Column, Hint = $"write {t.Items.Count} names: {string.Join(", ", Enumerable.Range(1, t.Items.Count).Select(i => $"x{i}"))} = ..." };
        for (int i = 0; i < t.Items.Count; i++) ctx.Environment.Set(s.Targets[i], t.Items[i]);
        return Result(s, ResultKind.Assignment, value, s.Targets);
    }

    private StatementResult Declare(ShapeDeclaration s)
    {
        var dims = s.Dimensions.Select(DeclaredDim).ToList();
        var value = new SymbolicValue(new SymbolicShape(dims));
        ctx.Environment.Set(s.Name, value);
        return Result(s, ResultKind.Declaration, value, [s.Name]);
    }

    private Dim DeclaredDim(Expr e)
    {
        switch (e)
        {
            case NumberLiteral { IsInteger: true } n:
                if (!long.TryParse(n.Text, out long v))
                    throw new CalcLimitException($"the dimension {n.Text} is too large") { Line = n.Span.Line, Column = n.Span.Column };
                return Dim.Of(v);
            case NameExpr name:
                if (ctx.Environment.TryGet(name.Name, out var bound) && ArrayOperators.AsDim(bound) is { } known) return known;
                ctx.Environment.AddDimension(name.Name);
                return Dim.Symbol(name.Name);
            case BinaryExpr { Operator: BinaryOperator.Multiply } b:
                return DeclaredDim(b.Left) * DeclaredDim(b.Right);
            default:
                throw new CalcSyntaxException("a dimension must be a non-negative integer, a name such as n, or a product such as h*d")
                { Line = e.Span.Line, Column = e.Span.Column };
        }
    }

    /// <summary>The value of an expression.</summary>
    public Value Eval(Expr e)
    {
        ctx.CheckTime();
        try
        {
            return e switch
            {
                NumberLiteral n => Number(n),
                StringLiteral s => new StringValue(s.Value),
                NameExpr n => Lookup(n),
                ArrayLiteral a => ArrayLiterals.Build(ctx, a.Rows.Select(r => (IReadOnlyList<Value>)r.Select(Eval).ToList()).ToList(), a.MatlabStyle),
                UnaryExpr u => u.Operator == UnaryOperator.Negate
                    ? ArrayOperators.Negate(ctx, Eval(u.Operand))
                    : ValueConversions.ToArrayLike(Eval(u.Operand), "'+'"),
                BinaryExpr b => ArrayOperators.Binary(ctx, b.Operator, Eval(b.Left), Eval(b.Right), OperandText(b.Left), OperandText(b.Right)),
                TransposeExpr t => ArrayOperators.Transpose(Eval(t.Operand), t.Kind),
                IndexExpr ix => Indexing.Apply(Eval(ix.Target), ix.Items.Select(EvalIndex).ToList()),
                CallExpr c => Call(c),
                TupleExpr t => new TupleValue(t.Items.Select(Eval).ToList()),
                _ => throw new InvalidOperationException(e.GetType().Name),
            };
        }
        catch (OperationCanceledException) when (ctx.Token.IsCancellationRequested)
        {
            throw ErrorTranslation.WithPosition(ctx.LimitError(), e.Span);
        }
        catch (Exception ex) when (ErrorTranslation.Translate(ex) is { } calc)
        {
            throw ErrorTranslation.WithPosition(calc, e.Span);
        }
    }

    /// <summary>How an operand reads in a hint: its name, or its parenthesised form.</summary>
    private static string OperandText(Expr e) => e switch
    {
        NameExpr n => n.Name,
        CallExpr or NumberLiteral or IndexExpr or ArrayLiteral => AstPrinter.Print(e),
        _ => AstPrinter.Print(e) is var p && p.StartsWith('(') ? p : $"({p})",
    };

    private static Value Number(NumberLiteral n)
    {
        if (n.IsInteger)
        {
            if (n.Text.Length > 2000)
                throw new CalcLimitException($"the integer literal has {n.Text.Length} digits; the limit is 2000");
            return ExactValue.Scalar(BigRational.Parse(n.Text));
        }
        if (n.IsImaginary)
            return ComplexValue.Scalar(0, double.Parse(n.Text[..^1], System.Globalization.CultureInfo.InvariantCulture));
        return FloatValue.Scalar(double.Parse(n.Text, System.Globalization.CultureInfo.InvariantCulture));
    }

    private Value Lookup(NameExpr n)
    {
        if (ctx.Environment.TryGet(n.Name, out var v)) return v;
        if (Constants.TryGetValue(n.Name, out var c)) return c();
        if (ctx.Environment.IsDimension(n.Name))
            return new SymbolicValue(new SymbolicShape([])) { DimensionValue = Dim.Symbol(n.Name) };
        if (FunctionLibrary.TryGet(n.Name, out var f))
            throw new CalcTypeException($"{n.Name} is a function; call it with parentheses") { Hint = $"usage: {f.Signature}" };
        if (n.Name == "explain")
            throw new CalcTypeException("explain needs something to explain") { Hint = "explain A @ B, explain det(A), explain inv(A), explain A (2x2)" };
        var near = Suggest.Nearest(n.Name, KnownNames());
        throw new CalcNameException($"name '{n.Name}' is not defined")
        { Hint = near is null ? null : $"did you mean '{near}'?" };
    }

    private IEnumerable<string> KnownNames() =>
        ctx.Environment.Variables.Keys.Concat(FunctionLibrary.Names).Concat(Constants.Keys).Concat(ctx.Environment.DimensionSymbols);

    private IndexSpec EvalIndex(IndexItem item)
    {
        switch (item)
        {
            case IndexAt at:
            {
                var v = Eval(at.Index);
                if (v is ArrayLike { Rank: > 0 })
                    throw new CalcTypeException("index: indexing with an array is not supported; use integers and slices")
                    { Hint = "A[0, :] for a row, A[:, 1:3] for columns 1 and 2" };
                return new AtSpec(ValueConversions.ToInt(v, "an index"));
            }
            case IndexSlice s:
                return new SliceSpec(
                    s.Start is null ? null : ValueConversions.ToInt(Eval(s.Start), "a slice start"),
                    s.Stop is null ? null : ValueConversions.ToInt(Eval(s.Stop), "a slice stop"),
                    s.Step is null ? null : ValueConversions.ToInt(Eval(s.Step), "a slice step"));
            default:
                throw new InvalidOperationException();
        }
    }

    private Value Call(CallExpr c)
    {
        if (!FunctionLibrary.TryGet(c.Function, out var f))
        {
            if (ctx.Environment.TryGet(c.Function, out var v))
                throw new CalcTypeException($"{c.Function} is {v.Describe()}, not a function")
                { Hint = $"index it with {c.Function}[...]; for a product write {c.Function} * (...) or {c.Function} @ (...)" };
            var near = Suggest.Nearest(c.Function, FunctionLibrary.Names);
            throw new CalcNameException($"there is no function '{c.Function}'")
            { Hint = near is null ? "type help for the list of functions" : $"did you mean '{near}'?" };
        }
        var positional = new List<Value>();
        var keywords = new List<(string, Value)>();
        foreach (var a in c.Arguments)
        {
            var v = Eval(a.Value);
            if (a.Name is null) positional.Add(v);
            else keywords.Add((a.Name, v));
        }
        ctx.CheckTime();
        return FunctionLibrary.Invoke(f, ctx, positional, keywords);
    }
}
