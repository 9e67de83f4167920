using System.Numerics;
using Linea.Calc.Exact;
using Linea.Calc.Shapes;
using Linea.Calc.Syntax;

namespace Linea.Calc.Evaluation;

/// <summary>
/// The operators on values. Exact operands give exact results for <c>+ - * / @ ^</c> and for <c>**</c> with an
/// integer exponent; anything with a float64 operand is computed in float64 by Linea; a declared shape
/// (<see cref="SymbolicValue"/>) gives only the result's shape. Result sizes and work are checked against the
/// limits before anything is allocated.
/// </summary>
internal static class ArrayOperators
{
    public static Value Binary(EvalContext ctx, BinaryOperator op, Value left, Value right, string leftText, string rightText)
    {
        string name = OpName(op);
        var a = ValueConversions.ToArrayLike(left, $"'{OperatorText.Of(op)}'");
        var b = ValueConversions.ToArrayLike(right, $"'{OperatorText.Of(op)}'");
        if ((a is SparseValue || b is SparseValue) && SparseOperators.Handles(op, a, b))
            return SparseOperators.Binary(ctx, op, a, b, leftText, rightText);
        return op switch
        {
            BinaryOperator.MatMul => MatMul(ctx, a, b, leftText, rightText),
            BinaryOperator.LeftDivide => LeftDivision.Solve(ctx, a, b, leftText, rightText),
            BinaryOperator.MatrixPower => MatrixPower(ctx, a, b),
            _ => Elementwise(ctx, op, name, a, b),
        };
    }

    public static string OpName(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "add",
        BinaryOperator.Subtract => "subtract",
        BinaryOperator.Multiply => "multiply",
        BinaryOperator.Divide => "divide",
        BinaryOperator.MatMul => "matmul",
        BinaryOperator.LeftDivide => "mldivide",
        BinaryOperator.Power => "power",
        BinaryOperator.MatrixPower => "matrix_power",
        BinaryOperator.Equal => "equal",
        BinaryOperator.NotEqual => "not_equal",
        BinaryOperator.Less => "less",
        BinaryOperator.LessEqual => "less_equal",
        BinaryOperator.Greater => "greater",
        BinaryOperator.GreaterEqual => "greater_equal",
        _ => op.ToString(),
    };

    private static Value Elementwise(EvalContext ctx, BinaryOperator op, string name, ArrayLike a, ArrayLike b)
    {
        var shape = ShapeRules.Broadcast(name, a.SymbolicShape, b.SymbolicShape);
        if (a is SymbolicValue || b is SymbolicValue)
            return new SymbolicValue(shape) { DimensionValue = DimensionArithmetic(op, a, b) };
        ctx.CheckElements(Count(shape), name);
        if (a is ComplexValue || b is ComplexValue) return ComplexElementwise(op, name, a, b);

        if (a is ExactValue ea && b is ExactValue eb)
        {
            var x = ea.Array;
            var y = eb.Array;
            switch (op)
            {
                case BinaryOperator.Add: return new ExactValue(ExactOps.Add(x, y));
                case BinaryOperator.Subtract: return new ExactValue(ExactOps.Subtract(x, y));
                case BinaryOperator.Multiply: return new ExactValue(ExactOps.Multiply(x, y));
                case BinaryOperator.Divide: return new ExactValue(ExactOps.Divide(x, y));
                case BinaryOperator.Power:
                    if (y.Rank == 0 && y[0].IsInteger && BigInteger.Abs(y[0].Numerator) <= int.MaxValue)
                        return new ExactValue(ExactOps.Power(x, (int)y[0].Numerator));
                    break; // a fractional or array exponent: float64
                default:
                    return new ExactValue(Compare(op, x, y));
            }
        }

        var ta = ValueConversions.ToTensor(a, name);
        var tb = ValueConversions.ToTensor(b, name);
        var result = op switch
        {
            BinaryOperator.Add => ta + tb,
            BinaryOperator.Subtract => ta - tb,
            BinaryOperator.Multiply => ta * tb,
            BinaryOperator.Divide => ta / tb,
            BinaryOperator.Power => NDArray.Pow(ta, tb),
            BinaryOperator.Equal => NDArray.Equal(ta, tb).AsType<double>(),
            BinaryOperator.NotEqual => NDArray.NotEqual(ta, tb).AsType<double>(),
            BinaryOperator.Less => NDArray.Less(ta, tb).AsType<double>(),
            BinaryOperator.LessEqual => NDArray.LessEqual(ta, tb).AsType<double>(),
            BinaryOperator.Greater => NDArray.Greater(ta, tb).AsType<double>(),
            BinaryOperator.GreaterEqual => NDArray.GreaterEqual(ta, tb).AsType<double>(),
            _ => throw new InvalidOperationException(op.ToString()),
        };
        return new FloatValue(result);
    }

    /// <summary>An element-wise operator with a complex operand: arithmetic, integer powers and equality; no ordering.</summary>
    private static Value ComplexElementwise(BinaryOperator op, string name, ArrayLike a, ArrayLike b) => op switch
    {
        BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide
            or BinaryOperator.Equal or BinaryOperator.NotEqual => ComplexOps.Elementwise(op, name, a, b),
        BinaryOperator.Power => ComplexOps.Power(a, b),
        _ => throw ComplexOps.NoOrder(name),
    };

    /// <summary>0/1 exact result of an element-wise comparison, with broadcasting.</summary>
    private static ExactArray Compare(BinaryOperator op, ExactArray x, ExactArray y)
    {
        var diff = ExactOps.Subtract(x, y); // broadcasts and checks shapes; only the signs are used
        var data = new BigRational[diff.Count];
        for (int i = 0; i < data.Length; i++)
        {
            int s = diff[i].Sign;
            bool r = op switch
            {
                BinaryOperator.Equal => s == 0,
                BinaryOperator.NotEqual => s != 0,
                BinaryOperator.Less => s < 0,
                BinaryOperator.LessEqual => s <= 0,
                BinaryOperator.Greater => s > 0,
                _ => s >= 0,
            };
            data[i] = r ? BigRational.One : BigRational.Zero;
        }
        return new ExactArray(diff.Shape, data);
    }

    /// <summary>For declared dimensions used as numbers (<c>h * d</c>), the product or quotient dimension.</summary>
    private static Dim? DimensionArithmetic(BinaryOperator op, ArrayLike a, ArrayLike b)
    {
        var da = AsDim(a);
        var db = AsDim(b);
        if (da is null || db is null) return null;
        return op switch
        {
            BinaryOperator.Multiply => da * db,
            BinaryOperator.Divide when da.TryDivide(db, out var q) => q,
            _ => null,
        };
    }

    /// <summary>The dimension a scalar stands for: a declared symbol, or a non-negative integer.</summary>
    public static Dim? AsDim(Value v) => v switch
    {
        SymbolicValue s => s.DimensionValue,
        ExactValue { Array.Rank: 0 } e when e.Array[0].IsInteger && e.Array[0].Sign >= 0 && e.Array[0].Numerator <= long.MaxValue
            => Dim.Of((long)e.Array[0].Numerator),
        _ => null,
    };

    public static Value MatMul(EvalContext ctx, ArrayLike a, ArrayLike b, string leftText, string rightText)
    {
        if (a is SparseValue || b is SparseValue) return SparseOperators.MatMul(ctx, a, b, leftText, rightText);
        var check = ShapeRules.MatMul(a.SymbolicShape, b.SymbolicShape);
        if (check.Result is null) throw MatMulError(check, a.SymbolicShape, b.SymbolicShape, leftText, rightText);
        var shape = check.Result;
        if (a is SymbolicValue || b is SymbolicValue) return new SymbolicValue(shape);
        ctx.CheckElements(Count(shape), "matmul");
        double k = a.SymbolicShape[-1].Coefficient;
        ctx.CheckWork(Count(shape) * k, "matmul");
        if (a is ExactValue ea && b is ExactValue eb) return new ExactValue(ExactOps.MatMul(ea.Array, eb.Array));
        if (a is ComplexValue || b is ComplexValue)
        {
            ctx.CheckWork(Count(shape) * k * 4, "matmul"); // up to four real products
            return ComplexOps.MatMul(a, b);
        }
        return new FloatValue(NDArray.MatMul(ValueConversions.ToTensor(a, "matmul"), ValueConversions.ToTensor(b, "matmul")));
    }

    /// <summary>The shape error of a product, with a hint that names the operand to transpose.</summary>
    public static CalcShapeException MatMulError(MatMulCheck check, SymbolicShape a, SymbolicShape b, string leftText, string rightText)
    {
        string? hint = StackTransposeHint(a, b, leftText, rightText);
        if (hint is not null) { }
        else if (check.Fix == TransposeFix.Right)
        {
            string t = TransposeText(rightText, b);
            hint = $"did you mean {t}? {leftText} @ {t} would have inner dimension {check.FixedInner}";
        }
        else if (check.Fix == TransposeFix.Left)
        {
            string t = TransposeText(leftText, a);
            hint = $"did you mean {t}? {t} @ {rightText} would have inner dimension {check.FixedInner}";
        }
        return new CalcShapeException(check.Error!) { Hint = hint };
    }

    /// <summary>
    /// The hint when an operand is a stack of matrices transposed with <c>.T</c> (or <c>'</c>), which reverses every
    /// axis, where swapping only the last two (<c>.mT</c>) makes the product fit: <c>Q @ K.T</c> for <c>Q @ K.mT</c>.
    /// </summary>
    private static string? StackTransposeHint(SymbolicShape a, SymbolicShape b, string leftText, string rightText)
    {
        static SymbolicShape LastTwoSwappedOfReversed(SymbolicShape s)
        {
            var dims = s.Dims.Reverse().ToList(); // the shape before .T
            (dims[^1], dims[^2]) = (dims[^2], dims[^1]);
            return new SymbolicShape(dims);
        }
        if (b.Rank > 2 && FullTransposeOperand(rightText) is { } right)
        {
            var fixedShape = ShapeRules.MatMul(a, LastTwoSwappedOfReversed(b)).Result;
            if (fixedShape is not null)
                return $"did you mean {right}.mT? {Unparenthesised(rightText)} reverses all {b.Rank} axes of the stack; {right}.mT (or swapaxes({right}, -1, -2)) swaps the last two, and {leftText} @ {right}.mT would have shape {fixedShape}";
        }
        if (a.Rank > 2 && FullTransposeOperand(leftText) is { } left)
        {
            var fixedShape = ShapeRules.MatMul(LastTwoSwappedOfReversed(a), b).Result;
            if (fixedShape is not null)
                return $"did you mean {left}.mT? {Unparenthesised(leftText)} reverses all {a.Rank} axes of the stack; {left}.mT (or swapaxes({left}, -1, -2)) swaps the last two, and {left}.mT @ {rightText} would have shape {fixedShape}";
        }
        return null;
    }

    private static string Unparenthesised(string text) => text.StartsWith('(') && text.EndsWith(')') ? text[1..^1] : text;

    /// <summary>X for an operand written X.T, (X.T), X' or (X'); null otherwise.</summary>
    private static string? FullTransposeOperand(string text)
    {
        if (text.StartsWith('(') && text.EndsWith(')')) text = text[1..^1];
        if (text.EndsWith(".mT", StringComparison.Ordinal)) return null;
        if (text.EndsWith(".T", StringComparison.Ordinal)) return text[..^2];
        if (text.EndsWith('\'')) return text[..^1];
        return null;
    }

    /// <summary>The operand transposed: its name with .T (.mT for stacks), or without it when it is already transposed.</summary>
    internal static string TransposeText(string text, SymbolicShape s)
    {
        foreach (var suffix in new[] { ".T", ".mT", "'" })
            if (text.EndsWith(suffix, StringComparison.Ordinal) && !text.StartsWith('('))
                return text[..^suffix.Length];
        if (text.StartsWith('(') && text.EndsWith(".T)", StringComparison.Ordinal)) return text[1..^3];
        if (text.StartsWith('(') && text.EndsWith(".mT)", StringComparison.Ordinal)) return text[1..^4];
        if (text.StartsWith('(') && text.EndsWith("')", StringComparison.Ordinal)) return text[1..^2];
        return text + (s.Rank > 2 ? ".mT" : ".T");
    }

    private static Value MatrixPower(EvalContext ctx, ArrayLike a, ArrayLike b)
    {
        int k = ValueConversions.ToInt(b, "the exponent of '^' (matrix power)");
        var s = a.SymbolicShape;
        if (s.Rank < 2 || !s[-1].Equals(s[-2]))
            throw new CalcShapeException($"matrix_power: needs a square matrix, got shape {s}")
            { Hint = a.Rank < 2 ? "for element-wise powers write **" : "A ^ k multiplies A by itself; it needs as many rows as columns" };
        if (a is SymbolicValue) return new SymbolicValue(s);
        double n = s[-1].Coefficient;
        ctx.CheckWork(Count(s) * n * Math.Max(1, 2 * Math.Log2(Math.Abs((double)k) + 1)), "matrix_power");
        if (a is ExactValue e) return new ExactValue(ExactOps.MatrixPower(e.Array, k));
        if (a is ComplexValue z)
        {
            ctx.CheckWork(Count(s) * n * 4 * Math.Max(1, 2 * Math.Log2(Math.Abs((double)k) + 1)), "matrix_power");
            return ComplexOps.MatrixPower(z, k);
        }
        var t = ValueConversions.ToTensor(a, "matrix_power");
        if (Math.Abs((long)k) <= 3) return new FloatValue(Linalg.MatrixPower(t, k));
        // Repeated squaring here rather than in one library call, so that the time limit is checked between products.
        var baseMatrix = k < 0 ? Linalg.Inv(t) : t;
        long bits = Math.Abs((long)k);
        NDArray<double>? result = null;
        while (true)
        {
            ctx.CheckTime();
            if ((bits & 1) != 0) result = result is null ? baseMatrix : result.MatMul(baseMatrix);
            bits >>= 1;
            if (bits == 0) break;
            baseMatrix = baseMatrix.MatMul(baseMatrix);
        }
        return new FloatValue(result!);
    }

    public static Value Negate(EvalContext ctx, Value v)
    {
        var a = ValueConversions.ToArrayLike(v, "'-'");
        return a switch
        {
            SymbolicValue s => new SymbolicValue(s.Shape),
            ExactValue e => new ExactValue(ExactOps.Negate(e.Array)),
            FloatValue f => new FloatValue(-f.NDArray),
            ComplexValue z => ComplexOps.Negate(z),
            SparseValue sp => SparseOperators.Negate(sp),
            _ => throw new InvalidOperationException(),
        };
    }

    public static Value Transpose(Value v, TransposeKind kind)
    {
        string op = kind == TransposeKind.MT ? "mT" : "T";
        var a = ValueConversions.ToArrayLike(v, op);
        if (kind == TransposeKind.MT && a.Rank < 2)
            throw new CalcShapeException($"mT: needs at least 2 axes, got shape {a.SymbolicShape}") { Hint = "use .T for a matrix; a vector has no transpose" };
        return a switch
        {
            SymbolicValue s => new SymbolicValue(kind == TransposeKind.MT ? ShapeRules.MatrixTranspose(s.Shape) : ShapeRules.Transpose(s.Shape)),
            ExactValue e => new ExactValue(e.Array.Rank == 2 ? ExactOps.Transpose(e.Array) : e.Array),
            FloatValue f => new FloatValue(kind == TransposeKind.MT ? f.NDArray.MT : f.NDArray.T),
            // A' is MATLAB's conjugate transpose; .T and .mT never conjugate (NumPy)
            ComplexValue z when kind == TransposeKind.Apostrophe => ComplexValue.Of(z.NDArray.Real.T, -z.NDArray.Imag.T),
            ComplexValue z => ComplexOps.Map(z, t => kind == TransposeKind.MT ? t.MT : t.T),
            SparseValue sp => SparseOperators.Transpose(sp),
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary>The number of elements of a known shape (infinity when a dimension is symbolic).</summary>
    public static double Count(SymbolicShape s)
    {
        double c = 1;
        foreach (var d in s.Dims) c *= d.IsKnown ? d.Coefficient : double.PositiveInfinity;
        return c;
    }
}
