using FsCheck.Xunit;
using Linea.Calc.Exact;

namespace Linea.Calc.Tests.Exact;

public class ExactCofactorTests
{
    private static readonly ExactArray Textbook = Ex.A("[[1, 2, 3], [0, 4, 5], [1, 0, 6]]");

    [Fact]
    public void Minors_and_cofactors_by_hand()
    {
        // M(0,0) = 4*6 - 5*0 = 24, M(1,2) = 1*0 - 2*1 = -2, M(2,1) = 1*5 - 3*0 = 5
        Assert.Equal(new BigRational(24), ExactOps.Minor(Textbook, 0, 0));
        Assert.Equal(new BigRational(-2), ExactOps.Minor(Textbook, 1, 2));
        Assert.Equal(new BigRational(5), ExactOps.Minor(Textbook, 2, 1));
        Assert.Equal(Ex.A("[[24, 5, -4], [-12, 3, 2], [-2, -5, 4]]"), ExactOps.Cofactor(Textbook));
        Assert.Equal(Ex.A("[[24, -12, -2], [5, 3, -5], [-4, 2, 4]]"), ExactOps.Adjugate(Textbook));
        Assert.Equal(ExactOps.Divide(ExactOps.Adjugate(Textbook), ExactArray.Scalar(22)), ExactOps.Inv(Textbook));
        Assert.Equal(Ex.A("[[4, -2], [-3, 1]]"), ExactOps.Adjugate(Ex.A("[[1, 2], [3, 4]]")));
        Assert.Equal(Ex.A("[[1]]"), ExactOps.Adjugate(Ex.A("[[7]]")));
        Assert.Equal(new BigRational(7), ExactOps.Minor(Ex.A("[[3, 7], [1, 9]]"), 1, 0));
    }

    [Fact]
    public void Minor_rejects_bad_indices_and_shapes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ExactOps.Minor(Textbook, 3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExactOps.Minor(Textbook, 0, -1));
        Assert.Throws<ShapeMismatchException>(() => ExactOps.Minor(Ex.A("[[1, 2, 3]]"), 0, 0));
        Assert.Throws<ShapeMismatchException>(() => ExactOps.Minor(ExactArray.Zeros(0, 0), 0, 0));
        Assert.Throws<ShapeMismatchException>(() => ExactOps.Cofactor(Ex.A("[1, 2]")));
        Assert.Throws<ShapeMismatchException>(() => ExactOps.Adjugate(Ex.A("[[1, 2, 3]]")));
    }

    [Property(MaxTest = 80)]
    public void Adjugate_satisfies_A_adjA_equals_detA_I_for_every_rank(ulong seed)
    {
        var rng = new Rng(seed);
        int n = rng.NextInt(5) + 1;
        int rank = rng.NextInt(3) switch { 0 => n, 1 => n - 1, _ => rng.NextInt(n + 1) };
        var a = Ex.IntMatrixOfRank(rng, n, rank);
        var adj = ExactOps.Adjugate(a);
        var detI = Ex.Scaled(ExactArray.Identity(n), ExactOps.Det(a));
        Assert.Equal(detI, ExactOps.MatMul(a, adj));
        Assert.Equal(detI, ExactOps.MatMul(adj, a));
        // Independent reference: cofactors from Laplace determinants of the submatrices.
        var cof = ExactOps.Cofactor(a);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                var m = n == 1 ? BigRational.One : Ex.LaplaceDet(Ex.Without(a, i, j));
                Assert.Equal((i + j) % 2 == 0 ? m : -m, cof[i, j]);
                if (n > 1) Assert.Equal(m, ExactOps.Minor(a, i, j));
            }
        Assert.Equal(ExactOps.Transpose(cof), adj);
    }
}
