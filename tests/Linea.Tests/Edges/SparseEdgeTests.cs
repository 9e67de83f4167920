using System.IO.Compression;
using System.Text;

namespace Linea.Tests.Edges;

using OutOfCore = global::Linea.OutOfCore;
using Sparse = global::Linea.Sparse;

/// <summary>
/// Edges of sparse construction, Matrix Market and .npz files, the Krylov solvers and Eigsh/Svds: out-of-range and
/// negative indices, mismatched lengths, NaN values, 0 x n matrices, files that are truncated or lie about their sizes,
/// zero right-hand sides, zero operators, maxiter 0, k at or past n. Each either gives SciPy's defined result or throws a
/// specific exception naming the problem; the caller's arrays are never modified.
/// </summary>
public class SparseEdgeTests
{
    private static SparseMatrix<double> Tridiag(int n)
    {
        var rows = new List<int>(); var cols = new List<int>(); var vals = new List<double>();
        for (int i = 0; i < n; i++)
        {
            rows.Add(i); cols.Add(i); vals.Add(2);
            if (i > 0) { rows.Add(i); cols.Add(i - 1); vals.Add(-1); }
            if (i + 1 < n) { rows.Add(i); cols.Add(i + 1); vals.Add(-1); }
        }
        return Sparse.Coo<double>(n, n, rows.ToArray(), cols.ToArray(), vals.ToArray());
    }

    [Fact]
    public void Coo_out_of_range_and_negative_indices_are_named()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Sparse.Coo<double>(2, 2, [0, 2], [0, 1], [1.0, 2.0]));
        Assert.Contains("row", e.Message, StringComparison.Ordinal);
        Assert.Contains("2", e.Message, StringComparison.Ordinal);
        e = Assert.ThrowsAny<ArgumentException>(() => Sparse.Coo<double>(2, 2, [0, 1], [0, -1], [1.0, 2.0]));
        Assert.Contains("column", e.Message, StringComparison.Ordinal);
        Assert.Contains("-1", e.Message, StringComparison.Ordinal);
        e = Assert.ThrowsAny<ArgumentException>(() => Sparse.Coo<double>(2, 2, [0, 1], [0], [1.0, 2.0]));
        Assert.Contains("one length", e.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => Sparse.Coo<double>(-1, 2, [], [], []));
    }

    [Fact]
    public void Coo_unsorted_with_duplicates_sums_and_sorts_without_touching_inputs()
    {
        int[] r = [1, 0, 1, 0];
        int[] c = [1, 1, 1, 0];
        double[] v = [1, 2, 3, 4];
        var m = Sparse.Coo<double>(2, 2, r, c, v);
        Assert.Equal(new double[] { 4, 2, 0, 4 }, m.ToDense().ToArray());
        Assert.Equal(new[] { 1, 0, 1, 0 }, r);
        Assert.Equal(new[] { 1, 1, 1, 0 }, c);
        Assert.Equal(new double[] { 1, 2, 3, 4 }, v);
    }

    [Fact]
    public void Coo_NaN_values_are_kept_as_scipy_keeps_them()
    {
        var m = Sparse.Coo<double>(2, 2, [0], [1], [double.NaN]);
        Assert.True(double.IsNaN(m.ToDense()[0, 1]));
    }

    [Fact]
    public void Csr_with_bad_indptr_is_named()
    {
        Assert.ThrowsAny<ArgumentException>(() => Sparse.Csr<double>(2, 2, new long[] { 0, 1 }, [0], [1.0]));
        Assert.ThrowsAny<ArgumentException>(() => Sparse.Csr<double>(2, 2, new long[] { 1, 1, 1 }, [0], [1.0]));
        Assert.ThrowsAny<ArgumentException>(() => Sparse.Csr<double>(2, 2, new long[] { 0, 2, 1 }, [0, 1], [1.0, 2.0]));
        Assert.ThrowsAny<ArgumentException>(() => Sparse.Csr<double>(2, 2, new long[] { 0, 1, 2 }, [0, 5], [1.0, 2.0]));
        Assert.ThrowsAny<ArgumentException>(() => Sparse.Csr<double>(2, 2, new long[] { 0, 1, 2 }, [0, 1], [1.0]));
        Assert.ThrowsAny<ArgumentException>(() => Sparse.Csr<double>(2, 2, new long[] { 0, 1, 3 }, [0, 1], [1.0, 2.0]));
    }

    [Fact]
    public void Empty_matrices_0_by_n_work_through_products_and_conversions()
    {
        var a = Sparse.Coo<double>(0, 3, [], [], []);
        Assert.Equal(new long[] { 0, 3 }, a.ToDense().Shape.ToArray());
        Assert.Equal(new long[] { 3, 0 }, a.T.ToDense().Shape.ToArray());
        var y = a.MatMul(NDArray.FromArray(new double[] { 1, 2, 3 }));
        Assert.Equal(new long[] { 0 }, y.Shape.ToArray());
        var z = a.T.MatMul(NDArray.Zeros<double>(0));
        Assert.Equal(new double[] { 0, 0, 0 }, z.ToArray());
        var b = Sparse.Coo<double>(3, 0, [], [], []);
        Assert.Equal(new long[] { 0, 0 }, a.MatMul(b).ToDense().Shape.ToArray());
        Assert.Equal(new long[] { 3, 3 }, b.MatMul(a).ToDense().Shape.ToArray());
    }

    private static string WriteTemp(string content)
    {
        string path = Path.Combine(Path.GetTempPath(), "linea-edges-" + Guid.NewGuid() + ".mtx");
        File.WriteAllText(path, content);
        return path;
    }

    [Theory]
    [InlineData("%%MatrixMarket matrix coordinate real general\n3 3 3\n1 1 1.0\n2 2 2.0\n", "entries")]          // fewer entries than declared
    [InlineData("%%MatrixMarket matrix coordinate real general\n3 3 1\n1 1 1.0\n2 2 2.0\n", "")]                  // more entries than declared
    [InlineData("%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1.0\n", "")]                           // index past the size
    [InlineData("%%MatrixMarket matrix coordinate real general\n2 2 1\n0 1 1.0\n", "")]                           // 0 is not 1-based
    [InlineData("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1\n", "")]                               // value missing
    [InlineData("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 abc\n", "")]                           // not a number
    [InlineData("%%MatrixMarket matrix coordinate real general\n2 2\n", "")]                                      // size line short
    [InlineData("%%MatrixMarket matrix coordinate real general\n-2 2 0\n", "")]                                   // negative size
    [InlineData("%%MatrixMarket matrix coordinate real general\n2 2 -1\n", "")]                                   // negative count
    [InlineData("%%MatrixMarket matrix coordinate real general\n", "")]                                           // no size line
    [InlineData("%%MatrixMarket matrix array real general\n2 2\n1.0\n2.0\n3.0\n", "")]                            // dense, short
    [InlineData("", "")]                                                                                            // empty file
    [InlineData("%%MatrixMarket matrix coordinate real general\n2 2 99999999999\n1 1 1\n", "")]                    // absurd count
    [InlineData("%%MatrixMarket matrix coordinate real symmetric\n2 3 1\n1 1 1\n", "")]                            // symmetric but not square
    public void MatrixMarket_that_lies_or_is_truncated_is_a_format_error(string text, string word)
    {
        string path = WriteTemp(text);
        try
        {
            var e = Assert.ThrowsAny<FormatException>(() => Sparse.MmRead<double>(path));
            Assert.Contains(word, e.Message, StringComparison.Ordinal);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void MatrixMarket_nan_and_inf_values_are_read_as_numbers()
    {
        var m = Sparse.MmRead<double>(new StringReader("%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 nan\n2 2 inf\n"));
        Assert.True(double.IsNaN(m.ToDense()[0, 0]));
        Assert.True(double.IsPositiveInfinity(m.ToDense()[1, 1]));
    }

    [Fact]
    public void MatrixMarket_zero_by_n_round_trips()
    {
        var a = Sparse.Coo<double>(0, 4, [], [], []);
        var w = new StringWriter();
        Sparse.MmWrite(w, a);
        var b = Sparse.MmRead<double>(new StringReader(w.ToString()));
        Assert.Equal(0, b.Rows);
        Assert.Equal(4, b.Columns);
    }

    private static byte[] Npz(SparseMatrix<double> m)
    {
        var ms = new MemoryStream();
        Sparse.SaveNpz(ms, m, compressed: false);
        return ms.ToArray();
    }

    [Fact]
    public void Npz_truncated_anywhere_is_a_format_error()
    {
        var bytes = Npz(Tridiag(5));
        foreach (int keep in new[] { 0, 4, 30, bytes.Length / 2, bytes.Length - 30, bytes.Length - 1 })
        {
            var e = Record.Exception(() => Sparse.LoadNpz<double>(new MemoryStream(bytes, 0, keep)));
            Assert.NotNull(e);
            Assert.True(e is FormatException or InvalidDataException or EndOfStreamException, $"keep {keep}: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Rewrites one member of an .npz.</summary>
    private static MemoryStream Replace(byte[] npz, string member, Func<byte[], byte[]> edit)
    {
        var ms = new MemoryStream();
        ms.Write(npz);
        ms.Position = 0;
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry(member)!;
            byte[] content;
            using (var s = entry.Open()) { var buf = new MemoryStream(); s.CopyTo(buf); content = buf.ToArray(); }
            entry.Delete();
            using var w = zip.CreateEntry(member).Open();
            w.Write(edit(content));
        }
        ms.Position = 0;
        return ms;
    }

    private static byte[] NpyBytes<T>(T[] values) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var ms = new MemoryStream();
        Npy.Save(ms, NDArray.FromArray(values));
        return ms.ToArray();
    }

    [Fact]
    public void Npz_whose_shape_lies_is_a_format_error()
    {
        var bytes = Npz(Tridiag(5));
        // shape says 3 x 3 while indices reach column 4 and indptr has 6 entries.
        var bad = Replace(bytes, "shape.npy", _ => NpyBytes(new double[] { 3, 3 }));
        var e = Record.Exception(() => Sparse.LoadNpz<double>(bad));
        Assert.True(e is FormatException or ArgumentException, e?.GetType().Name + ": " + e?.Message);
        bad = Replace(bytes, "shape.npy", _ => NpyBytes(new double[] { -5, 5 }));
        e = Record.Exception(() => Sparse.LoadNpz<double>(bad));
        Assert.True(e is FormatException or ArgumentException, e?.GetType().Name + ": " + e?.Message);
    }

    [Fact]
    public void Npz_with_missing_member_is_a_format_error()
    {
        var ms = new MemoryStream();
        ms.Write(Npz(Tridiag(3)));
        ms.Position = 0;
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true)) zip.GetEntry("indptr.npy")!.Delete();
        ms.Position = 0;
        var e = Assert.ThrowsAny<FormatException>(() => Sparse.LoadNpz<double>(ms));
        Assert.Contains("indptr", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Krylov_zero_rhs_returns_zero_at_once()
    {
        var a = Tridiag(4);
        var b = NDArray.Zeros<double>(4);
        foreach (var r in new IterativeResult<double>[]
                 {
                     SparseLinalg.Cg(a, b), SparseLinalg.Minres(a, b), SparseLinalg.Gmres(a, b), SparseLinalg.Bicgstab(a, b),
                     SparseLinalg.Lsqr(a, b), SparseLinalg.Lsmr(a, b),
                 })
        {
            Assert.True(r.Converged, r.Message);
            Assert.All(r.X.ToArray(), v => Assert.Equal(0.0, v));
        }
    }

    [Fact]
    public void Krylov_zero_matrix_with_nonzero_rhs_does_not_hang_or_return_nan()
    {
        var a = Sparse.Coo<double>(3, 3, [], [], []);
        var b = NDArray.FromArray(new double[] { 1, 2, 3 });
        foreach (Func<IterativeResult<double>> solve in new Func<IterativeResult<double>>[]
                 {
                     () => SparseLinalg.Cg(a, b), () => SparseLinalg.Minres(a, b), () => SparseLinalg.Gmres(a, b),
                     () => SparseLinalg.Bicgstab(a, b),
                 })
        {
            IterativeResult<double>? r = null;
            var e = Record.Exception(() => r = solve());
            if (e is not null) { Assert.IsAssignableFrom<LinAlgException>(e); continue; }
            Assert.False(r!.Converged);
            Assert.All(r.X.ToArray(), v => Assert.True(double.IsFinite(v), r.Message));
        }
        // Least squares: x = 0 is the minimum-norm solution of a zero matrix.
        var ls = SparseLinalg.Lsqr(a, b);
        Assert.All(ls.X.ToArray(), v => Assert.Equal(0.0, v));
        var lm = SparseLinalg.Lsmr(a, b);
        Assert.All(lm.X.ToArray(), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Krylov_NaN_in_b_is_named()
    {
        var a = Tridiag(3);
        var b = NDArray.FromArray(new double[] { 1, double.NaN, 3 });
        Assert.Throws<NonFiniteException>(() => SparseLinalg.Cg(a, b));
        Assert.Throws<NonFiniteException>(() => SparseLinalg.Minres(a, b));
        Assert.Throws<NonFiniteException>(() => SparseLinalg.Gmres(a, b));
        Assert.Throws<NonFiniteException>(() => SparseLinalg.Bicgstab(a, b));
        Assert.Throws<NonFiniteException>(() => SparseLinalg.Lsqr(a, b));
        Assert.Throws<NonFiniteException>(() => SparseLinalg.Lsmr(a, b));
    }

    [Fact]
    public void Krylov_maxiter_zero_returns_x0_unconverged()
    {
        var a = Tridiag(3);
        var b = NDArray.FromArray(new double[] { 1, 2, 3 });
        var x0 = NDArray.FromArray(new double[] { 1, 1, 1 });
        foreach (var r in new IterativeResult<double>[]
                 {
                     SparseLinalg.Cg(a, b, x0, maxiter: 0), SparseLinalg.Minres(a, b, x0, maxiter: 0),
                     SparseLinalg.Gmres(a, b, x0, maxiter: 0), SparseLinalg.Bicgstab(a, b, x0, maxiter: 0),
                 })
        {
            Assert.False(r.Converged, r.Message);
            Assert.Equal(new double[] { 1, 1, 1 }, r.X.ToArray());
            Assert.Equal(0, r.Iterations);
        }
        Assert.Equal(new double[] { 1, 1, 1 }, x0.ToArray());
        Assert.ThrowsAny<ArgumentException>(() => SparseLinalg.Cg(a, b, maxiter: -1));
    }

    [Fact]
    public void Krylov_non_square_operator_is_a_shape_error()
    {
        var a = Sparse.Coo<double>(3, 2, [0, 1], [0, 1], [1.0, 1.0]);
        var b = NDArray.FromArray(new double[] { 1, 2, 3 });
        Assert.Throws<ShapeMismatchException>(() => SparseLinalg.Cg(a, b));
        Assert.Throws<ShapeMismatchException>(() => SparseLinalg.Minres(a, b));
        Assert.Throws<ShapeMismatchException>(() => SparseLinalg.Gmres(a, b));
        Assert.Throws<ShapeMismatchException>(() => SparseLinalg.Bicgstab(a, b));
        Assert.Throws<ShapeMismatchException>(() => SparseLinalg.Cg(Tridiag(3), NDArray.FromArray(new double[] { 1, 2 })));
        Assert.Throws<ShapeMismatchException>(() => SparseLinalg.Lsqr(a, NDArray.FromArray(new double[] { 1, 2 })));
    }

    [Fact]
    public void Krylov_on_0_by_0_returns_empty()
    {
        var a = Sparse.Coo<double>(0, 0, [], [], []);
        var r = SparseLinalg.Cg(a, NDArray.Zeros<double>(0));
        Assert.True(r.Converged);
        Assert.Equal(0, r.X.Shape[0]);
    }

    [Fact]
    public void Eigsh_and_Svds_with_k_out_of_range_are_named()
    {
        var a = Tridiag(5);
        var e = Assert.ThrowsAny<ArgumentException>(() => SparseLinalg.Eigsh(a, k: 5));
        Assert.Contains("k", e.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => SparseLinalg.Eigsh(a, k: 6));
        Assert.ThrowsAny<ArgumentException>(() => SparseLinalg.Eigsh(a, k: 0));
        Assert.ThrowsAny<ArgumentException>(() => SparseLinalg.Eigsh(a, k: -1));
        Assert.ThrowsAny<ArgumentException>(() => SparseLinalg.Svds(a, k: 5));
        Assert.ThrowsAny<ArgumentException>(() => SparseLinalg.Svds(a, k: 0));
        var rect = Sparse.Coo<double>(3, 6, [0, 1, 2], [0, 1, 2], [1.0, 2.0, 3.0]);
        Assert.ThrowsAny<ArgumentException>(() => SparseLinalg.Svds(rect, k: 3));
        Assert.Throws<ShapeMismatchException>(() => SparseLinalg.Eigsh(rect, k: 1));
    }

    [Fact]
    public void Eigsh_of_a_zero_matrix_returns_zeros_not_nan()
    {
        var a = Sparse.Coo<double>(30, 30, [], [], []);
        var r = SparseLinalg.Eigsh(a, k: 2);
        Assert.All(r.Eigenvalues.ToArray(), v => Assert.Equal(0.0, v));
        var s = SparseLinalg.Svds(a, k: 2);
        Assert.All(s.S.ToArray(), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Eigsh_with_NaN_in_the_matrix_is_named()
    {
        var a = Sparse.Coo<double>(30, 30, [3], [3], [double.NaN]);
        Assert.Throws<NonFiniteException>(() => SparseLinalg.Eigsh(a, k: 2));
        Assert.Throws<NonFiniteException>(() => SparseLinalg.Svds(a, k: 2));
    }
}

/// <summary>Arguments of the sparse factories that are out of range.</summary>
public class SparseFactoryEdgeTests
{
    [Fact]
    public void Factories_refuse_negative_sizes_and_bad_densities()
    {
        Assert.ThrowsAny<ArgumentException>(() => Sparse.Eye<double>(-1));
        Assert.ThrowsAny<ArgumentException>(() => Sparse.Random<double>(3, 3, density: 1.5));
        Assert.ThrowsAny<ArgumentException>(() => Sparse.Random<double>(3, 3, density: -0.1));
        Assert.ThrowsAny<ArgumentException>(() => Sparse.Random<double>(3, 3, density: double.NaN));
        Assert.ThrowsAny<ArgumentException>(() => Sparse.Random<double>(-3, 3));
        Assert.ThrowsAny<ArgumentException>(() => Sparse.Diags(new[] { new double[] { 1, 2 }, new double[] { 1 } }, [0]));
        Assert.ThrowsAny<ArgumentException>(() => Sparse.Diags(new[] { new double[] { 1, 2 } }, [0], (2, 2)).MatMul(NDArray.Zeros<double>(3)));
    }

    [Fact]
    public void Diags_too_short_a_diagonal_is_named()
    {
        // scipy.sparse.diags([[1, 2]], [0], shape=(3, 3)) raises: diagonal length 2 does not match 3.
        Assert.ThrowsAny<ArgumentException>(() => Sparse.Diags(new[] { new double[] { 1, 2 } }, [0], (3, 3)));
        Assert.ThrowsAny<ArgumentException>(() => Sparse.Diags(new[] { new double[] { 1, 2 } }, [5], (3, 3)));
    }

    [Fact]
    public void Empty_kron_and_zero_random_have_the_right_shapes()
    {
        var k = Sparse.Kron(Sparse.Coo<double>(0, 2, [], [], []), Sparse.Eye<double>(3));
        Assert.Equal(0, k.Rows);
        Assert.Equal(6, k.Columns);
        var r = Sparse.Random<double>(0, 5, density: 0.5);
        Assert.Equal(0, r.Rows);
        Assert.Equal(5, r.Columns);
    }
}

/// <summary>k at the top of its range, and inputs left as given.</summary>
public class SparseEigenLimitEdgeTests
{
    [Fact]
    public void Eigsh_with_k_n_minus_one_on_a_tiny_matrix_is_exact()
    {
        // diag(1, 2, 3): k = 2 largest are 3, 2 (ascending order, as scipy returns them).
        var a = Sparse.Diags(new double[] { 1, 2, 3 });
        var r = SparseLinalg.Eigsh(a, k: 2);
        var w = r.Eigenvalues.ToArray();
        Array.Sort(w);
        Assert.Equal(2.0, w[0], 1e-12);
        Assert.Equal(3.0, w[1], 1e-12);
        var s = SparseLinalg.Svds(Sparse.Diags(new double[] { 1, -4, 2 }), k: 2);
        var sv = s.S.ToArray();
        Array.Sort(sv);
        Assert.Equal(2.0, sv[0], 1e-12);
        Assert.Equal(4.0, sv[1], 1e-12);
    }

    [Fact]
    public void Krylov_solvers_leave_b_and_x0_as_given()
    {
        var a = Sparse.Diags(new[] { new double[] { -1, -1 }, new double[] { 2, 2, 2 }, new double[] { -1, -1 } }, [-1, 0, 1]);
        var b = NDArray.FromArray(new double[] { 1, 2, 3 });
        var x0 = NDArray.FromArray(new double[] { 0.5, 0.5, 0.5 });
        foreach (var r in new IterativeResult<double>[]
                 {
                     SparseLinalg.Cg(a, b, x0), SparseLinalg.Minres(a, b, x0), SparseLinalg.Gmres(a, b, x0), SparseLinalg.Bicgstab(a, b, x0),
                 })
        {
            Assert.True(r.Converged, r.Message);
            // exact solution of the 1-D Laplacian: x = (2.5, 4, 3.5)
            Assert.Equal(2.5, r.X[0], 1e-4);
            Assert.Equal(4.0, r.X[1], 1e-4);
            Assert.Equal(3.5, r.X[2], 1e-4);
        }
        Assert.Equal(new double[] { 1, 2, 3 }, b.ToArray());
        Assert.Equal(new double[] { 0.5, 0.5, 0.5 }, x0.ToArray());
    }
}

/// <summary>The smallest problems the solvers accept.</summary>
public class SparseSmallestEdgeTests
{
    [Fact]
    public void Least_squares_maxiter_zero_returns_zero_unconverged()
    {
        var a = Sparse.Diags(new double[] { 1, 2, 3 });
        var b = NDArray.FromArray(new double[] { 1, 2, 3 });
        foreach (var r in new IterativeResult<double>[] { SparseLinalg.Lsqr(a, b, iterLim: 0), SparseLinalg.Lsmr(a, b, maxiter: 0) })
        {
            Assert.False(r.Converged, r.Message);
            Assert.All(r.X.ToArray(), v => Assert.Equal(0.0, v));
        }
    }

    [Fact]
    public void Eigsh_on_a_2_by_2_matrix_with_k_1()
    {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3; the largest in magnitude is 3.
        var a = Sparse.Coo<double>(2, 2, [0, 0, 1, 1], [0, 1, 0, 1], [2.0, 1.0, 1.0, 2.0]);
        Assert.Equal(3.0, SparseLinalg.Eigsh(a, k: 1).Eigenvalues[0], 1e-12);
        Assert.Equal(3.0, SparseLinalg.Svds(a, k: 1).S[0], 1e-12);
    }
}
