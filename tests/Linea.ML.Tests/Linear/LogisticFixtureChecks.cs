using System.Text.Json;
using Linea.ML.Tests.Workflow;

namespace Linea.ML.Tests.Linear;

/// <summary>The comparison of a fitted LogisticRegression with a scikit-learn fixture case (coef, intercept, grad_inf).</summary>
internal static class LogisticFixtureChecks
{
    /// <summary>
    /// Asserts our coefficients and (centred) intercepts are within the bound the objective allows and returns it: the
    /// Hessian is at least I / C on the weights, so a gradient g at scikit-learn's point and our tolerance
    /// <paramref name="fitTol"/> put the two points within about C sqrt(dim) (|g| + fitTol) of the optimum; 100x that.
    /// Softmax intercepts are defined up to a common constant, so they are compared centred (10x the bound).
    /// </summary>
    public static double AssertMatches(LogisticRegression<double> m, JsonElement c, double fitTol)
    {
        double C = c.GetProperty("C").GetDouble();
        var coef = WorkflowFixture.Matrix(c.GetProperty("coef"));
        var intercept = NDArray.FromArray(WorkflowFixture.Vector(c.GetProperty("intercept")));
        double dim = coef.Size + intercept.Size;
        double tol = 100 * C * Math.Sqrt(dim) * (c.GetProperty("grad_inf").GetDouble() + fitTol);
        Assert.True(Fixtures.MaxDiff(coef, m.Coefficients) <= tol, $"coef differ by {Fixtures.MaxDiff(coef, m.Coefficients):g3} > {tol:g3}");
        var ours = m.Intercept - (intercept.Size > 1 ? m.Intercept.Mean() : 0.0);
        var theirs = intercept - (intercept.Size > 1 ? intercept.Mean() : 0.0);
        Assert.True(Fixtures.MaxDiff(theirs, ours) <= 10 * tol, $"intercepts differ by {Fixtures.MaxDiff(theirs, ours):g3}");
        return tol;
    }
}
