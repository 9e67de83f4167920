namespace Linea.Tests.Sparse;

public class LinearOperatorTests
{
    private static double[] Mul(NDArray<double> a, double[] x) => a.MatMul(NDArray.FromArray(x)).ToArray();

    private static double[] Apply(ILinearOperator<double> op, double[] x, bool transpose = false)
    {
        var y = new double[transpose ? op.Columns : op.Rows];
        if (transpose) op.Rmatvec(x, y);
        else op.Matvec(x, y);
        return y;
    }

    private static void Close(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-12);
    }

    [Fact]
    public void FromDense_handles_every_layout_in_both_directions()
    {
        var baseT = Linea.Tests.Sparse.SparseTestProblems.Rhs<double>(9 * 14, 1);
        var full = NDArray.FromArray(baseT, 9, 14);
        var views = new[] { full, full.T, full["1:8, ::3"], full["::-1, 2:"], full["2:3, :"], full["0:0, :"] };
        foreach (var a in views)
        {
            int m = (int)a.Shape[0], n = (int)a.Shape[1];
            var op = LinearOperator.FromDense(a);
            Assert.Equal((m, n), (op.Rows, op.Columns));
            var x = Enumerable.Range(0, n).Select(i => Math.Cos(i)).ToArray();
            var u = Enumerable.Range(0, m).Select(i => Math.Sin(i + 1)).ToArray();
            var ac = a.Contiguous();
            Close(m == 0 ? [] : Mul(ac, x), Apply(op, x));
            Close(n == 0 ? [] : Mul(ac.T.Contiguous(), u), Apply(op, u, transpose: true));
            Close(Apply(op, x), Apply(a.AsLinearOperator(Parallelism.None), x));
        }
        Assert.Throws<ShapeMismatchException>(() => LinearOperator.FromDense(NDArray.Zeros<double>(3)));
        Assert.Throws<ShapeMismatchException>(() => LinearOperator.FromDense(full).Matvec(new double[3], new double[9]));
    }

    [Fact]
    public void A_large_dense_operator_threads_and_matches_the_serial_product()
    {
        var a = NDArray.FromArray(Linea.Tests.Sparse.SparseTestProblems.Rhs<double>(600 * 500, 2), 600, 500);
        var x = Linea.Tests.Sparse.SparseTestProblems.Rhs<double>(500, 3);
        Close(Apply(LinearOperator.FromDense(a, Parallelism.None), x), Apply(LinearOperator.FromDense(a, new Parallelism(4)), x));
        var u = Linea.Tests.Sparse.SparseTestProblems.Rhs<double>(600, 4);
        Close(Apply(LinearOperator.FromDense(a, Parallelism.None), u, true), Apply(LinearOperator.FromDense(a, new Parallelism(4)), u, true));
    }

    [Fact]
    public void FromFunction_checks_lengths_and_reports_a_missing_rmatvec()
    {
        int calls = 0;
        var op = LinearOperator.FromFunction<double>(3, 2, (x, y) => { calls++; y[0] = x[0]; y[1] = x[1]; y[2] = x[0] + x[1]; });
        Assert.False(op.HasRmatvec);
        Close([1, 2, 3], Apply(op, [1, 2]));
        Assert.Equal(1, calls);
        Assert.Throws<ShapeMismatchException>(() => op.Matvec(new double[3], new double[3]));
        Assert.Equal(1, calls);
        Assert.Throws<NotSupportedException>(() => op.Rmatvec(new double[3], new double[2]));
        Assert.Throws<NotSupportedException>(() => LinearOperator.Transposed(op).Matvec(new double[3], new double[2]));
        Assert.Throws<ArgumentException>(() => LinearOperator.FromFunction<double>(-1, 2, (x, y) => { }));
    }

    [Fact]
    public void Compositions_match_their_dense_counterparts()
    {
        var a = Linea.Tests.Sparse.SparseTestProblems.Random<double>(5, 4, 3, 5);
        var bd = NDArray.FromArray(Linea.Tests.Sparse.SparseTestProblems.Rhs<double>(20, 6), 5, 4);
        var ad = a.ToDense();
        double[] x = [1, -1, 2, 0.5];
        double[] u = [1, 2, 3, 4, 5];
        var t = LinearOperator.Transposed<double>(a);
        Assert.Equal((4, 5), (t.Rows, t.Columns));
        Close(Mul(ad.T.Contiguous(), u), Apply(t, u));
        Close(Mul(ad, x), Apply(t, x, transpose: true));
        Assert.Same(a, LinearOperator.Transposed(t));
        Close(Mul(ad * 2.5, x), Apply(LinearOperator.Scaled<double>(a, 2.5), x));
        var sum = LinearOperator.Sum<double>(a, bd.AsLinearOperator());
        Close(Mul(ad + bd, x), Apply(sum, x));
        Close(Mul((ad + bd).T.Contiguous(), u), Apply(sum, u, transpose: true));
        Close(x, Apply(LinearOperator.Identity<double>(4), x));
        Assert.Throws<ShapeMismatchException>(() => LinearOperator.Sum<double>(a, t));
        var block = NDArray.FromArray(Linea.Tests.Sparse.SparseTestProblems.Rhs<double>(12, 7), 4, 3);
        var mm = ((ILinearOperator<double>)a).Matmat(block);
        var expected = ad.MatMul(block);
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 3; j++) Assert.Equal(expected[i, j], mm[i, j], 1e-13);
        Assert.Throws<ShapeMismatchException>(() => ((ILinearOperator<double>)a).Matmat(NDArray.Zeros<double>(5, 3)));
    }
}
