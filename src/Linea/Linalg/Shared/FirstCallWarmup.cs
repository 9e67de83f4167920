using System.Numerics;
using System.Runtime.CompilerServices;
using Linea.Kernels;
using Linea.Kernels.Gemm;

namespace Linea;

/// <summary>
/// The code of a first large product or solve, run once in the background so that its one-time costs (loading types,
/// resolving the stubs and indirection cells of precompiled code, running class constructors) are paid off the
/// caller's thread: <see cref="Kernels.Threading.WorkerPool.Prestart"/> runs <see cref="Run{T}"/> on its starter thread,
/// after starting the workers, when the process first allocates a float32 or float64 tensor large enough for threaded
/// kernels (<see cref="Storage.TensorStorage{T}.Allocate"/>). On its own 48 x 48 arrays it runs a product through the
/// packed GEMM driver with each microkernel the GEMM picks for T, then <c>MatMul</c> and <c>Linalg.Solve</c> through the
/// front doors, all on one thread (<see cref="Parallelism.None"/>, <see cref="Parallelism.OneThreadOnThisThread"/>), so
/// it never takes the worker pool from the application; it touches no user data and no shared mutable state, so a
/// kernel's results do not depend on whether or when it ran. About 0.7 MFLOP and 90 KiB of arrays (and the starter
/// thread's packing buffers, dropped with it). <c>LINEA_WARMUP=0</c> turns it off; <c>LINEA_NUM_THREADS=1</c> does too, as then no
/// worker and no starter thread is started; under Native AOT it does not run (<see cref="Enabled"/>). Measured in README
/// "Fast start".
/// </summary>
internal static class FirstCallWarmup
{
    /// <summary>The order of the warm-up matrices: above <see cref="Kernels.Gemm.SmallGemm.TinyLimit"/> and several microkernel tiles wide.</summary>
    internal const int Order = 48;

    /// <summary>One tile of <see cref="Kernels.Gemm.Microkernels.Avx512TallKernel{T}"/>: the shape for which the GEMM picks that kernel where T uses it.</summary>
    private const int TallRows = 12, TallCols = 16;

    private static int s_runs;
    private static int s_claimed;

    /// <summary>
    /// Whether the warm-up runs in this process: where code is bound lazily (JIT or ReadyToRun;
    /// <see cref="RuntimeFeature.IsDynamicCodeCompiled"/>) and <c>LINEA_WARMUP</c> is not <c>0</c> (read once). Native
    /// AOT binds everything when it links, so there is nothing to pay ahead (measured: no gain, and the concurrent work
    /// slowed the caller's own setup by up to 1 ms on the 2-core VM).
    /// </summary>
    internal static bool Enabled { get; } = RuntimeFeature.IsDynamicCodeCompiled && Environment.GetEnvironmentVariable("LINEA_WARMUP") != "0";

    /// <summary>How many warm-ups handed out by <see cref="Claim{T}()"/> have completed in this process (tests).</summary>
    internal static int Runs => Volatile.Read(ref s_runs);

    /// <summary>Parameters that send a product of any size to the packed five-loop driver with <paramref name="kernel"/>.</summary>
    private static GemmParams Packed(MicroKernelKind kernel) =>
        GemmParams.Auto with { AllowShortcuts = false, AllowSplitDrivers = false, Kernel = kernel };

    /// <summary>
    /// The warm-up for element type <typeparamref name="T"/>, once per process: the delegate for the prestart to run, the
    /// first time this is asked for float32 or float64 while <c>LINEA_WARMUP</c> allows it; null after that, for other
    /// types, or when disabled. A volatile read once claimed.
    /// </summary>
    internal static Action? Claim<T>() where T : unmanaged => Claim<T>(Enabled, ref s_claimed);

    /// <summary><see cref="Claim{T}()"/> with the switch and the once-flag given (tests).</summary>
    internal static Action? Claim<T>(bool enabled, ref int claimed) where T : unmanaged
    {
        if (!enabled || (typeof(T) != typeof(double) && typeof(T) != typeof(float))) return null;
        if (Volatile.Read(ref claimed) != 0 || Interlocked.Exchange(ref claimed, 1) != 0) return null;
        return typeof(T) == typeof(double) ? RunClaimed<double> : RunClaimed<float>;
    }

    private static void RunClaimed<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Run<T>()) Interlocked.Increment(ref s_runs);
    }

    /// <summary>
    /// Runs the packed products, <c>MatMul</c> and <c>Linalg.Solve</c> of order <see cref="Order"/> on fresh arrays of
    /// <typeparamref name="T"/>, on the calling thread only. Never throws: a failure here would only mean the caller's first call pays for the
    /// code's first run itself.
    /// </summary>
    /// <returns>Whether it ran to the end.</returns>
    internal static bool Run<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        try
        {
            const int n = Order;
            var a = new T[n * n];
            var b = new T[n * n];
            var c = new T[n * n];
            var rhs = new T[n];
            // A diagonally dominant matrix, so the LU is well conditioned and nothing in it is singular or non-finite.
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    a[i * n + j] = T.CreateTruncating(i == j ? 4 * n : (i + 2 * j) % 7 - 3);
                    b[i * n + j] = T.CreateTruncating((3 * i + j) % 5 - 2);
                }
            rhs.AsSpan().Fill(T.One);
            var av = MatrixView<T>.RowMajor(a, n, n);
            var bv = MatrixView<T>.RowMajor(b, n, n);
            var cv = MatrixView<T>.RowMajor(c, n, n);
            // The packed five-loop driver (MatMul and the factorizations' large updates), with each microkernel it picks by
            // shape for T: the one for square products and the one for a single tile of the tall AVX-512 kernel (12 x 16).
            var square = BlockSizes.BestFor(Unsafe.SizeOf<T>(), n, n);
            var tall = BlockSizes.BestFor(Unsafe.SizeOf<T>(), TallRows, TallCols);
            Gemm.Multiply(T.One, av, bv, T.Zero, cv, Parallelism.None, Packed(square));
            if (tall != square) Gemm.Multiply(T.One, av, bv, T.Zero, cv, Parallelism.None, Packed(tall));
            // The front doors at this size (shape checks, finite scans, copies; the GEMM's direct small-matrix path and
            // Linalg.Solve's recursive LU and triangular solves), on one thread whatever the process's default.
            Parallelism.OneThreadOnThisThread = true;
            var at = NDArray.Wrap(a, n, n);
            GC.KeepAlive(at.MatMul(NDArray.Wrap(b, n, n)));
            GC.KeepAlive(Linalg.Solve(at, NDArray.Wrap(rhs, n)));
            return true;
        }
#pragma warning disable CA1031 // a warm-up must never take the process down; the first real call reports any error
        catch (Exception) { return false; }
#pragma warning restore CA1031
        finally
        {
            Parallelism.OneThreadOnThisThread = false;
            // This thread is about to end; its packing buffers are garbage.
            PackBuffers.t_a = PackBuffers.t_b = PackBuffers.t_tile = PackBuffers.t_partial = null;
        }
    }
}
