namespace Linea.ML.Tests.Metrics;

public class PairwiseSparseTests
{
    /// <summary>9 x 6 with 40% entries and rows 2 and 7 emptied.</summary>
    private static SparseMatrix<double> WithEmptyRows(ulong seed)
    {
        var d = Sparse.Random<double>(9, 6, 0.4, seed: seed).ToDense() - 0.3;
        d[2, ..] = NDArray.Zeros<double>(6);
        d[7, ..] = NDArray.Zeros<double>(6);
        return Sparse.FromDense(d);
    }

    [Fact]
    public void Sparse_cosine_matches_the_dense_one_with_zero_rows_zero()
    {
        var x = WithEmptyRows(1);
        var y = Sparse.Random<double>(5, 6, 0.5, seed: 4, format: SparseFormat.Csc);
        var truth = Pairwise.CosineSimilarity(x.ToDense(), y.ToDense());
        var got = Pairwise.CosineSimilarity(x, y);
        Assert.Equal([9, 5], got.Shape.ToIntArray());
        // Each entry is a 6-term dot product of unit vectors: error a few p eps.
        Assert.True(Fixtures.MaxDiff(truth, got) <= 10 * 6 * Fixtures.Eps);
        for (int j = 0; j < 5; j++) { Assert.Equal(0.0, got[2, j]); Assert.Equal(0.0, got[7, j]); }

        var self = Pairwise.CosineSimilarity(x);
        Assert.True(Fixtures.MaxDiff(Pairwise.CosineSimilarity(x.ToDense()), self) <= 10 * 6 * Fixtures.Eps);
        for (int i = 0; i < 9; i++)
            Assert.True(i is 2 or 7 ? self[i, i] == 0 : Math.Abs(self[i, i] - 1) <= 10 * 6 * Fixtures.Eps);
    }

    [Fact]
    public void Sparse_output_holds_the_same_values()
    {
        var x = WithEmptyRows(2);
        var s = Pairwise.CosineSimilaritySparse(x);
        Assert.Equal(SparseFormat.Csr, s.Format);
        Assert.Equal(0, s.IndicesOf(2).Length);
        Assert.True(Fixtures.MaxDiff(Pairwise.CosineSimilarity(x.ToDense()), s.ToDense()) <= 10 * 6 * Fixtures.Eps);
    }

    [Fact]
    public void Float_rows_match_the_dense_float_result()
    {
        var x = Sparse.Random<float>(8, 30, 0.2, seed: 6);
        var got = Pairwise.CosineSimilarity(x).ToArray();
        var truth = Pairwise.CosineSimilarity(x.ToDense()).ToArray();
        for (int k = 0; k < got.Length; k++) Assert.True(Math.Abs(got[k] - truth[k]) <= 10 * 30 * 1.2e-7f, $"{k}: {got[k]} vs {truth[k]}");
    }

    [Fact]
    public void Huge_and_tiny_rows_are_normalised_without_overflow()
    {
        var x = Sparse.Coo(2, 3, [0, 0, 1, 1], [0, 2, 0, 1], [3e200, 4e200, 3e-200, 4e-200]);
        var c = Pairwise.CosineSimilarity(x);
        Assert.True(Math.Abs(c[0, 1] - 0.36) <= 4 * Fixtures.Eps, $"{c[0, 1]:R}");
    }

    [Fact]
    public void Mismatched_columns_name_both_shapes()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() =>
            Pairwise.CosineSimilarity(Sparse.Eye<double>(3), Sparse.Eye<double>(2, 4)));
        Assert.Contains("(3, 3)", ex.Message);
        Assert.Contains("(2, 4)", ex.Message);
    }
}
