using Linea.Calc.Shapes;
using Linea.Calc.Syntax;

namespace Linea.Calc.Evaluation;

/// <summary>
/// The operators with a sparse operand, as SciPy's sparse matrices behave: <c>@</c> (sparse @ sparse is sparse, with a
/// dense operand dense), <c>+</c>/<c>-</c> (sparse with sparse of one shape is sparse, with dense dense), <c>*</c> by a
/// scalar or element-wise (sparse), <c>/</c> by a scalar (sparse), unary minus and <c>.T</c> (sparse). Every other
/// operator works on the dense copy of a small matrix (<see cref="SparseDensify"/>), or fails naming the operator.
/// </summary>
internal static class SparseOperators
{
    /// <summary>Whether <see cref="Binary"/> handles the operator for these operands (otherwise the dense path runs, densifying small matrices).</summary>
    public static bool Handles(BinaryOperator op, ArrayLike a, ArrayLike b) => op switch
    {
        BinaryOperator.MatMul or BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply => true,
        BinaryOperator.Divide => b is not SparseValue && IsScalar(b),
        _ => false,
    };

    public static Value Binary(EvalContext ctx, BinaryOperator op, ArrayLike a, ArrayLike b, string leftText, string rightText)
    {
        if (a is ComplexValue || b is ComplexValue) throw ComplexOperand(op);
        return op switch
        {
            BinaryOperator.MatMul => MatMul(ctx, a, b, leftText, rightText),
            BinaryOperator.Add or BinaryOperator.Subtract => AddSubtract(ctx, op, a, b),
            BinaryOperator.Multiply => Multiply(ctx, a, b),
            BinaryOperator.Divide => new SparseValue(SparseMath.Divide(((SparseValue)a).Matrix, Scalar(b, "divide"))),
            _ => throw new InvalidOperationException(op.ToString()),
        };
    }

    private static CalcTypeException ComplexOperand(BinaryOperator op) =>
        new($"{ArrayOperators.OpName(op)}: sparse matrices are float64; a complex operand is not supported") { Hint = "full(S) gives the dense matrix" };

    private static bool IsScalar(ArrayLike v) => v is not SymbolicValue && v is not SparseValue && v.Rank == 0;

    private static double Scalar(ArrayLike v, string op) => ValueConversions.ToDouble(v, $"{op}: the scalar");

    private static Value Scale(ArrayLike sparse, double s) => new SparseValue(SparseMath.Scale(((SparseValue)sparse).Matrix, s));

    /// <summary>
    /// <c>*</c> with a sparse operand: by a scalar, the same pattern scaled; element-wise with a sparse matrix of the same
    /// shape or a dense array that broadcasts to the sparse shape, sparse (SciPy's <c>multiply</c>).
    /// </summary>
    private static Value Multiply(EvalContext ctx, ArrayLike a, ArrayLike b)
    {
        if (IsScalar(a)) return Scale(b, Scalar(a, "multiply"));
        if (IsScalar(b)) return Scale(a, Scalar(b, "multiply"));
        var shape = ShapeRules.Broadcast("multiply", a.SymbolicShape, b.SymbolicShape);
        if (a is SymbolicValue || b is SymbolicValue) return new SymbolicValue(shape);
        var sparse = (SparseValue)(a is SparseValue ? a : b);
        var other = a is SparseValue ? b : a;
        if (!shape.Equals(sparse.SymbolicShape))
            throw new CalcShapeException($"multiply: the element-wise product of a sparse {sparse.SymbolicShape} matrix and shape {other.SymbolicShape} would have shape {shape}; a dense operand must broadcast to the sparse shape")
            { Hint = "full(S) * D gives the dense product" };
        if (other is SparseValue so) return new SparseValue(SparseMath.Hadamard(sparse.Matrix, so.Matrix));
        return new SparseValue(SparseMath.Hadamard(sparse.Matrix, ValueConversions.ToTensor(other, "multiply")));
    }

    /// <summary>A @ B with at least one sparse operand (the shape check and its hints as for dense operands).</summary>
    public static Value MatMul(EvalContext ctx, ArrayLike a, ArrayLike b, string leftText, string rightText)
    {
        if (a is ComplexValue || b is ComplexValue) throw ComplexOperand(BinaryOperator.MatMul);
        var check = ShapeRules.MatMul(a.SymbolicShape, b.SymbolicShape);
        if (check.Result is null) throw ArrayOperators.MatMulError(check, a.SymbolicShape, b.SymbolicShape, leftText, rightText);
        var shape = check.Result;
        if (a is SymbolicValue || b is SymbolicValue) return new SymbolicValue(shape);
        if (a.Rank > 2 || b.Rank > 2)
            throw new CalcShapeException($"matmul: a sparse matrix multiplies vectors and matrices, got shapes {a.SymbolicShape} and {b.SymbolicShape}")
            { Hint = "full(S) gives the dense matrix, which broadcasts over stacks" };
        if (a is SparseValue sa && b is SparseValue sb)
        {
            ctx.CheckWork(SparseMath.Flops(sa.Matrix, sb.Matrix), "matmul");
            return new SparseValue(SparseMath.MatMul(sa.Matrix, sb.Matrix));
        }
        ctx.CheckElements(ArrayOperators.Count(shape), "matmul");
        if (a is SparseValue s)
        {
            var x = ValueConversions.ToTensor(b, "matmul");
            ctx.CheckWork((double)s.Matrix.Nnz * (x.Rank == 1 ? 1 : x.Shape[1]), "matmul");
            return new FloatValue(SparseMath.MatMul(s.Matrix, x));
        }
        var t = (SparseValue)b;
        var y = ValueConversions.ToTensor(a, "matmul");
        ctx.CheckWork((double)t.Matrix.Nnz * (y.Rank == 1 ? 1 : y.Shape[0]), "matmul");
        return new FloatValue(SparseMath.MatMul(y, t.Matrix));
    }

    private static Value AddSubtract(EvalContext ctx, BinaryOperator op, ArrayLike a, ArrayLike b)
    {
        string name = ArrayOperators.OpName(op);
        double sign = op == BinaryOperator.Add ? 1 : -1;
        var shape = ShapeRules.Broadcast(name, a.SymbolicShape, b.SymbolicShape);
        if (a is SymbolicValue || b is SymbolicValue) return new SymbolicValue(shape);
        if (a is SparseValue sa && b is SparseValue sb)
        {
            if (!a.SymbolicShape.Equals(b.SymbolicShape))
                throw new CalcShapeException($"{name}: sparse matrices of shapes {a.SymbolicShape} and {b.SymbolicShape} do not match (sparse operands do not broadcast)");
            return new SparseValue(SparseMath.Add(sa.Matrix, sb.Matrix, sign));
        }
        var sparse = (SparseValue)(a is SparseValue ? a : b);
        var dense = a is SparseValue ? b : a;
        if (dense.Rank == 0 && ValueConversions.ToDouble(dense, name) != 0)
            throw new CalcTypeException($"{name}: adding a nonzero scalar to a sparse matrix would fill every entry (as in SciPy, it is not supported)")
            { Hint = "full(S) + c gives the dense result" };
        if (dense.Rank == 0) return a is SparseValue ? a : Scale(b, sign);
        // the result is dense: its size is checked before the sparse operand is expanded
        ctx.CheckResult(name, "the dense result", "sparse + dense is dense, as in SciPy", [.. shape.Dims.Select(d => d.Coefficient)]);
        var sd = sparse.Matrix.ToDense();
        var td = ValueConversions.ToTensor(dense, name);
        return new FloatValue(a is SparseValue ? (sign > 0 ? sd + td : sd - td) : (sign > 0 ? td + sd : td - sd));
    }

    public static Value Negate(SparseValue s) => new SparseValue(s.Matrix.Negate());

    /// <summary>.T, .mT and ' (the same for a real matrix): the transpose, a CSC view of a CSR matrix (no copy).</summary>
    public static Value Transpose(SparseValue s) => new SparseValue(s.Matrix.T);
}
