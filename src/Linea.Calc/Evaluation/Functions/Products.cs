using Linea.Calc.Exact;

namespace Linea.Calc.Evaluation;

public static partial class FunctionLibrary
{
    private const string Prod = "products";

    private static void AddProducts(List<FunctionInfo> list)
    {
        list.Add(F("matmul", Prod, "matmul(A, B)", "the matrix product A @ B", "matmul([[1, 2], [3, 4]], [[5, 6], [7, 8]])",
            ["A", "B"], 2, a => ArrayOperators.MatMul(a.Context, a.Array("A"), a.Array("B"), "A", "B")) with { AcceptsSymbolic = true });
        list.Add(F("dot", Prod, "dot(a, b)", "inner product of vectors; matrix product for matrices; scaling for a scalar", "dot([1, 2, 3], [4, 5, 6])",
            ["a", "b"], 2, Dot));
        list.Add(F("outer", Prod, "outer(a, b)", "outer product a[i] * b[j] of two vectors", "outer([1, 2], [3, 4, 5])",
            ["a", "b"], 2, Outer));
        list.Add(F("kron", Prod, "kron(A, B)", "Kronecker product of any rank: blocks A[i, j] * B (sparse when either operand is sparse)", "kron(eye(2), [[1, 2], [3, 4]])",
            ["A", "B"], 2, Kron));
    }

    private static Value Dot(CallArgs a)
    {
        var x = a.Array("a");
        var y = a.Array("b");
        if (x.Rank > 2 || y.Rank > 2)
            throw new CalcShapeException($"dot: supports scalars, vectors and matrices, got shapes {x.SymbolicShape} and {y.SymbolicShape}") { Hint = "use @ for stacks of matrices" };
        if (x.Rank == 0 || y.Rank == 0)
            return ArrayOperators.Binary(a.Context, Syntax.BinaryOperator.Multiply, x, y, "a", "b");
        if (x is ExactValue ex && y is ExactValue ey) return new ExactValue(ExactOps.Dot(ex.Array, ey.Array));
        if (x is ComplexValue || y is ComplexValue) return ArrayOperators.MatMul(a.Context, x, y, "a", "b"); // no conjugation, as NumPy's dot
        if (x.Rank == 1 && y.Rank == 1)
        {
            var tx = a.NDArray("a");
            var ty = a.NDArray("b");
            if (tx.Shape[0] != ty.Shape[0])
                throw new CalcShapeException($"dot: vectors of lengths {tx.Shape[0]} and {ty.Shape[0]} have no inner product");
            return FloatValue.Scalar(NDArray.Dot(tx, ty));
        }
        return ArrayOperators.MatMul(a.Context, x, y, "a", "b");
    }

    private static Value Outer(CallArgs a)
    {
        var x = a.Array("a");
        var y = a.Array("b");
        a.Context.CheckElements(ArrayOperators.Count(x.SymbolicShape) * ArrayOperators.Count(y.SymbolicShape), "outer");
        if (x is ExactValue ex && y is ExactValue ey) return new ExactValue(ExactOps.Outer(ex.Array, ey.Array));
        if (x is ComplexValue || y is ComplexValue) return ComplexOps.Outer(x, y);
        return Fn.Float(NDArray.Outer(a.NDArray("a").Contiguous().Reshape(-1), a.NDArray("b").Contiguous().Reshape(-1)));
    }

    private static Value Kron(CallArgs a)
    {
        var x = a.Array("A");
        var y = a.Array("B");
        if (x is SparseValue || y is SparseValue)
        {
            // sparse ⊗ anything is sparse, as SciPy's sparse.kron: nnz(A) nnz(B) stored entries
            var sa = AsSparse(a, x, "kron");
            var sb = AsSparse(a, y, "kron");
            a.Context.CheckElements((double)sa.Nnz * sb.Nnz, "kron (stored entries)");
            return new SparseValue(Sparse.Kron(sa, sb));
        }
        a.Context.CheckElements(ArrayOperators.Count(x.SymbolicShape) * ArrayOperators.Count(y.SymbolicShape), "kron");
        if (x is ExactValue ex && y is ExactValue ey) return new ExactValue(ExactOps.Kron(ex.Array, ey.Array));
        return Fn.Float(NDArray.Kron(a.NDArray("A"), a.NDArray("B")));
    }

}
