using Linea.Calc.Evaluation;
using Linea.Calc.Rendering;

namespace Linea.Calc.Tests.Sparse;

/// <summary>The sparse value kind: conversion, printing, JSON, dtype, nnz and the constructors, against dense truth.</summary>
public class SparseValueTests
{
    private static SparseMatrix<double> SparseOf(string program) => Assert.IsType<SparseValue>(CalcRun.Value(program)).Matrix;

    [Fact]
    public void SparseAndFullRoundTripADenseMatrix()
    {
        const string a = "A = [[1, 0, 0, 2.5], [0, 0, 0, 0], [0, -3, 0, 0]]\n";
        var s = SparseOf(a + "sparse(A)");
        Assert.Equal((3, 4, 3L), (s.Rows, s.Columns, s.Nnz));
        Assert.Equal(-3, s[2, 1]);
        Assert.Equal(CalcRun.Float(a + "float(A)").ToArray(), CalcRun.Float(a + "full(sparse(A))").ToArray());
        Assert.Equal(CalcRun.Float(a + "float(A)").ToArray(), CalcRun.Float(a + "todense(sparse(A))").ToArray());
        // a vector becomes one row, as SciPy's csr_matrix
        Assert.Equal((1, 3), (SparseOf("sparse([1, 0, 2])").Rows, SparseOf("sparse([1, 0, 2])").Columns));
    }

    [Fact]
    public void PrintsASummaryAndTheFirstStoredEntries()
    {
        Assert.Equal("sparse (2, 3) float64, nnz=2, density 0.3333\n  (0, 0)  1.0\n  (1, 2)  -2.5",
            CalcRun.Text("sparse([[1, 0, 0], [0, 0, -2.5]])"));
        var lines = CalcRun.Text("speye(12)").Split('\n');
        Assert.Equal("sparse (12, 12) float64, nnz=12, density 0.08333", lines[0]);
        Assert.Equal(1 + SparseText.MaxEntries + 1, lines.Length);
        Assert.Equal("  (9, 9)  1.0", lines[^2]);
        Assert.Equal("  ... 2 more stored entries", lines[^1]);
        Assert.StartsWith("sparse (100000, 100000) float64, nnz=100000, density 1e-05\n  (0, 0)  1.0", CalcRun.Text("speye(100000)"));
        // the transpose (a CSC view) prints in row-major order as well
        Assert.Equal("sparse (3, 2) float64, nnz=2, density 0.3333\n  (0, 0)  1.0\n  (2, 1)  -2.5",
            CalcRun.Text("sparse([[1, 0, 0], [0, 0, -2.5]]).T"));
    }

    [Fact]
    public void JsonAndVarsReportTheSparseDtypeAndTheCsrArrays()
    {
        var v = CalcRun.Value("sparse([[1, 0, 0], [0, 0, -2.5]]).T");
        Assert.Equal("sparse float64", v.DType);
        Assert.Equal("a (3, 2) sparse float64 matrix with 2 stored entries", v.Describe());
        Assert.Equal("(3, 2)", ((ArrayLike)v).SymbolicShape.ToString());
        Assert.Equal("""{"shape":[3,2],"dtype":"sparse float64","format":"csr","nnz":2,"density":0.3333333333333333,"indptr":[0,1,1,2],"indices":[0,1],"data":[1,-2.5]}""",
            JsonRenderer.Value(v));
    }

    [Fact]
    public void NnzCountsStoredEntriesOfSparseAndNonzerosOfDense()
    {
        Assert.Equal("4", CalcRun.Exact("nnz(speye(4))"));
        Assert.Equal("2", CalcRun.Exact("nnz([[1, 0], [0, 3]])"));
        Assert.Equal(0.0, CalcRun.Float("norm(full(speye(3) - speye(3)))").Item());
    }

    [Fact]
    public void RealImagConjAndTransposeKeepASparseMatrixSparse()
    {
        Assert.IsType<SparseValue>(CalcRun.Value("real(speye(3))"));
        Assert.IsType<SparseValue>(CalcRun.Value("conj(speye(3))"));
        var imag = SparseOf("imag(speye(3, 2))");
        Assert.Equal((3, 2, 0L), (imag.Rows, imag.Columns, imag.Nnz));
        var t = SparseOf("transpose(sparse([[1, 0, 2]]))");
        Assert.Equal((3, 1, 2.0), (t.Rows, t.Columns, t[2, 0]));
        Assert.Equal("(3000, 3000)", CalcRun.Text("shape(speye(3000))"));
    }

    [Fact]
    public void SpeyeMatchesTheDenseIdentityWithOffsets()
    {
        Assert.Equal(new double[] { 1, 0, 0, 0, 1, 0 }, CalcRun.Float("full(speye(2, 3))").ToArray());
        Assert.Equal(new double[] { 0, 1, 0, 0, 0, 1 }, CalcRun.Float("full(speye(2, 3, k=1))").ToArray());
        Assert.Equal(new double[] { 0, 0, 1, 0, 0, 1 }, CalcRun.Float("full(speye(3, 2, k=-1))").ToArray());
    }

    [Fact]
    public void SpdiagsFollowsSciPyColumnIndexedDiagonals()
    {
        // SciPy's dia_matrix documentation: data = [[1, 2, 3, 4]] * 3, offsets [0, -1, 2], shape (4, 4)
        var a = CalcRun.Float("full(spdiags([[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]], [0, -1, 2], 4, 4))");
        Assert.Equal(new double[] { 1, 0, 3, 0, 1, 2, 0, 4, 0, 2, 3, 0, 0, 0, 3, 4 }, a.ToArray());
        // a wide matrix: diagonal 2 of a 2 x 4 matrix holds data[1, 2] and data[1, 3]
        Assert.Equal(new double[] { 1, 0, 7, 0, 0, 2, 0, 8 },
            CalcRun.Float("full(spdiags([[1, 2, 3, 4], [5, 6, 7, 8]], [0, 2], 2, 4))").ToArray());
        // one diagonal given as a vector and a scalar offset; zeros are not stored
        Assert.Equal("2", CalcRun.Exact("nnz(spdiags([1, 0, 3], 0, 3, 3))"));
        var e = CalcRun.Error("spdiags([[1, 2], [3, 4]], [0], 2, 2)");
        Assert.IsType<CalcShapeException>(e);
        Assert.Contains("data has 2 rows (one per diagonal) but diags names 1 diagonal", e.Message);
    }

    [Fact]
    public void SprandHasTheRequestedDensityAndIsReproducibleFromItsSeed()
    {
        var m = Assert.IsType<SparseValue>(CalcRun.Value("sprand(40, 50, 0.1, seed=7)")).Matrix;
        Assert.Equal((40, 50, 200L), (m.Rows, m.Columns, m.Nnz));
        foreach (double v in m.Data) Assert.True(v is >= 0 and < 1);
        Assert.Equal(0.0, CalcRun.Float("norm(full(sprand(40, 50, 0.1, seed=7) - sprand(40, 50, 0.1, seed=7)))").Item());
        Assert.Contains("density must lie in [0, 1]", CalcRun.Error("sprand(3, 3, 2)").Message);
    }

    [Fact]
    public void MmwriteAndMmreadRoundTripThroughAFile()
    {
        var dir = Directory.CreateTempSubdirectory("linea-calc-mtx");
        try
        {
            var options = new CalcOptions { AllowFileAccess = true, WorkingDirectory = dir.FullName, RandomSeed = 1 };
            var session = new CalcSession(options);
            var results = CalcRun.Ok("A = [[1.5, 0, 0], [0, 0, -2], [1e-300, 0, 3]]\nmmwrite(\"a.mtx\", sparse(A))\nB = mmread(\"a.mtx\")\nmmwrite(\"d.mtx\", A)\nC = mmread(\"d.mtx\")", session);
            Assert.Equal("saved a (3, 3) sparse matrix with 4 stored entries to a.mtx", ((StringValue)results[1].Value!).Text);
            var a = CalcRun.Float("float([[1.5, 0, 0], [0, 0, -2], [1e-300, 0, 3]])").ToArray();
            Assert.Equal(a, ((SparseValue)session.Variables["B"]).Matrix.ToDense().ToArray()); // exact: values are written round-trip
            Assert.Equal(a, ((SparseValue)session.Variables["C"]).Matrix.ToDense().ToArray());
            Assert.True(File.Exists(Path.Combine(dir.FullName, "a.mtx")));
            Assert.Contains("not a Matrix Market file", CalcRun.Error("mmread(\"a.npy\")", options).Message);
            Assert.Contains("no file \"missing.mtx\"", CalcRun.Error("mmread(\"missing.mtx\")", options).Message);
        }
        finally { dir.Delete(recursive: true); }
        Assert.Equal("mmread: file access is disabled in this session", CalcRun.Error("mmread(\"a.mtx\")").Message);
    }
}
