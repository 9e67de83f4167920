namespace Linea;

/// <summary>
/// Tuning of the general (non-symmetric) eigensolver (<see cref="EigenDecomposition{T}"/>): the blocked Hessenberg
/// reduction, the switch from the double-shift to the multishift QR iteration, and the blocked back-transformation of
/// the eigenvectors. Results do not depend on these beyond rounding; tests shrink them so that the blocked and
/// multishift paths run at small n.
/// </summary>
/// <param name="HessenbergBlockSize">Panel width nb of the blocked Hessenberg reduction (LAPACK's gehrd/lahr2), >= 1;
/// 1 means unblocked.</param>
/// <param name="HessenbergCrossover">The Hessenberg reduction is unblocked once at most this many columns are left
/// (LAPACK's nx), >= 0.</param>
/// <param name="MultishiftCrossover">Active blocks of at most this order run the double-shift QR iteration (LAPACK's
/// lahqr); larger ones the small-bulge multishift iteration with aggressive early deflation (LAPACK's laqr0), >= 11
/// (smaller values are raised to 11).</param>
/// <param name="VectorBlockSize">Eigenvectors of the Schur form are back-transformed by the Schur vectors this many
/// columns at a time through GEMM (LAPACK's trevc3), >= 1.</param>
public sealed record EigParams(int HessenbergBlockSize, int HessenbergCrossover, int MultishiftCrossover, int VectorBlockSize)
{
    /// <summary>
    /// nb = 32 and nx = 128 (LAPACK's gehrd defaults), multishift above order 75 (LAPACK's hseqr NMIN), and blocks of
    /// 128 eigenvectors per GEMM.
    /// </summary>
    public static EigParams Auto { get; } = new(32, 128, 75, 128);

    /// <summary>Iterations allowed per deflation are this times max(10, order) (LAPACK's 30); tests lower it to reach
    /// the non-convergence error.</summary>
    internal int IterationFactor { get; init; } = 30;

    /// <summary>With Schur vectors and two or more threads, active blocks of at least this order have Z updated on a
    /// second thread (<see cref="QrIterationWorker{T}"/>); tests lower it.</summary>
    internal int QueueMinOrder { get; init; } = 256;

    internal int Nb => Math.Max(HessenbergBlockSize, 1);
    internal int Nx => Math.Max(HessenbergCrossover, 0);
    internal int NMin => Math.Max(MultishiftCrossover, 11);
    internal int VectorNb => Math.Max(VectorBlockSize, 1);
}
