namespace Linea.Bench;

/// <summary>
/// One sparse direct solver's figures (Linea's or a peer's) on one matrix for the `sparse` runner's cholesky and lu
/// cases: median analyze (symbolic) and factor (numeric) seconds over the samples (a solver that does both in one
/// call reports NaN for analyze and the whole call as factor), the factor's nonzeros (nnz(L) for Cholesky, with the
/// diagonal; nnz(L) + nnz(U) for LU, each with its diagonal), the relative residual
/// ||A x - b||_inf / (||A||_inf ||x||_inf + ||b||_inf) of one solve with b = ones, and extra key=value fields.
/// </summary>
internal sealed record DirectResult(double AnalyzeSeconds, double FactorSeconds, long NnzFactor, double RelResidual,
    IReadOnlyList<KeyValuePair<string, string>> Extra);
