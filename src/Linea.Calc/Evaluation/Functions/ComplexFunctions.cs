using Linea.Calc.Exact;

namespace Linea.Calc.Evaluation;

public static partial class FunctionLibrary
{
    private const string ComplexCategory = "complex numbers";

    private static void AddComplexFunctions(List<FunctionInfo> list)
    {
        list.Add(F("real", ComplexCategory, "real(z)", "the real parts (float64 for complex input; real input is returned as it is)", "real(eigvals([[1, -2], [2, 1]]))",
            ["z"], 1, a => Part(a, z => Fn.Float(z.Real), x => x)) with { AcceptsSymbolic = true });
        list.Add(F("imag", ComplexCategory, "imag(z)", "the imaginary parts (float64 for complex input; zeros of the same kind for real input)", "imag(eigvals([[1, -2], [2, 1]]))",
            ["z"], 1, a => Part(a, z => Fn.Float(z.Imag), ZerosLike)) with { AcceptsSymbolic = true });
        list.Add(F("conj", ComplexCategory, "conj(z)", "the complex conjugate re - im j (real input is returned as it is)", "conj(3 + 4j)",
            ["z"], 1, a => Part(a, z => new ComplexValue(z.Conj()), x => x)) with { AcceptsSymbolic = true, Aliases = ["conjugate"] });
        list.Add(F("angle", ComplexCategory, "angle(z, deg=0)", "the argument atan2(imag, real) in (-pi, pi], float64 (deg=1 for degrees)", "angle([1j, -1, 1 + 1j])",
            ["z", "deg"], 1, Angle) with { AcceptsSymbolic = true });
    }

    /// <summary>A part of a complex value, or <paramref name="real"/> of a real one; declared shapes give their shape.</summary>
    private static Value Part(CallArgs a, Func<ComplexTensor<double>, Value> complex, Func<ArrayLike, Value> real)
    {
        var x = a.Array("z");
        return x switch
        {
            SymbolicValue s => new SymbolicValue(s.Shape),
            ComplexValue z => complex(z.NDArray),
            _ => real(x),
        };
    }

    private static Value ZerosLike(ArrayLike x) => x switch
    {
        ExactValue e => new ExactValue(new ExactArray(e.Array.Shape, Enumerable.Repeat(BigRational.Zero, e.Array.Count).ToArray())),
        FloatValue f => Fn.Float(NDArray.ZerosLike(f.NDArray)),
        // the empty sparse matrix of the same shape, as SciPy's S.imag
        SparseValue sp => new SparseValue(Sparse.Csr(sp.Matrix.Rows, sp.Matrix.Columns, new long[sp.Matrix.Rows + 1], ReadOnlySpan<int>.Empty, ReadOnlySpan<double>.Empty)),
        _ => throw new InvalidOperationException(x.GetType().Name),
    };

    private static Value Angle(CallArgs a)
    {
        var x = a.Array("z");
        bool degrees = a.Bool("deg", false);
        if (x is SymbolicValue s) return new SymbolicValue(s.Shape);
        return Fn.Float(ComplexOps.Angle(ComplexOps.ToComplex(x, "angle"), degrees));
    }
}
