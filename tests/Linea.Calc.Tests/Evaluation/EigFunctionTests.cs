using Linea.Calc.Evaluation;

namespace Linea.Calc.Tests.Evaluation;

/// <summary>eig/eigvals in the language go through Linalg.Eig: real spectra as float64 (complex ones: ComplexEigTests).</summary>
public class EigFunctionTests
{
    [Fact]
    public void Eigvals_of_a_non_symmetric_matrix_are_its_real_eigenvalues()
    {
        // [[4, 1], [2, 3]]: trace 7, det 10, so the eigenvalues are 5 and 2 (LAPACK's order).
        var w = CalcRun.Float("eigvals([[4, 1], [2, 3]])").ToArray();
        Assert.Equal(2, w.Length);
        Assert.Equal(5, w[0], 1e-14);
        Assert.Equal(2, w[1], 1e-14);
    }

    [Fact]
    public void Eig_vectors_satisfy_the_definition()
    {
        var w = CalcRun.Float("w, V = eig([[4, 1], [2, 3]])\nw").ToArray();
        var av = CalcRun.Float("w, V = eig([[4, 1], [2, 3]])\n[[4, 1], [2, 3]] @ V - V * w");
        foreach (var x in av.ToArray()) Assert.True(Math.Abs(x) <= 30 * 2 * 2.2e-16 * 5, $"residual {x}");
        Assert.Equal([5.0, 2.0], w.Select(x => Math.Round(x, 12)).ToArray());
    }

    [Fact]
    public void A_real_spectrum_stays_float64_in_values_and_vectors()
    {
        var t = Assert.IsType<TupleValue>(CalcRun.Value("eig([[2, 1], [1, 2]])"));
        Assert.All(t.Items, item => Assert.IsType<FloatValue>(item));
        Assert.IsType<FloatValue>(CalcRun.Value("eigvals([[4, 1], [2, 3]])"));
    }
}
