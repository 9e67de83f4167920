using static Linea.Tests.Sparse.Direct.CholeskyTestMatrices;

namespace Linea.Tests.Sparse.Direct;

/// <summary>
/// The left-looking supernodal Cholesky and LDL^T: every way a descendant's update reaches an ancestor (dot products,
/// in place by GEMM on runs of consecutive rows, through the buffer in row chunks, columns consecutive or scattered),
/// forced by the blocking on small matrices and checked by L L^T = A (L D L^T = A); and the memory the factorization
/// takes besides the factor.
/// </summary>
public class LeftLookingCholeskyTests
{
    public static TheoryData<string> Blockings => ["default", "buffered-1-row-chunks", "in-place-runs", "dot-products", "small-chunks"];

    private static LeftLookingBlocking Blocking(string name) => name switch
    {
        "default" => LeftLookingBlocking.Default,
        // No dot products, no in-place runs, one row per chunk: everything through the buffer; the top's updates split
        // by rows among the threads at every supernode (in the variants below too, but for the default).
        "buffered-1-row-chunks" => new LeftLookingBlocking(ChunkEntries: 1, MinChunkRows: 1, SmallUpdateWork: 0, DirectRows: int.MaxValue, SplitRowsMinArea: 0),
        // Every run of consecutive rows, even of one row, updated in place.
        "in-place-runs" => new LeftLookingBlocking(1L << 18, 128, SmallUpdateWork: 0, DirectRows: 1, SplitRowsMinArea: 0),
        "dot-products" => new LeftLookingBlocking(1L << 18, 128, SmallUpdateWork: long.MaxValue, DirectRows: 16, SplitRowsMinArea: 0),
        // Chunks of a few rows, runs of two rows in place, the rest buffered.
        _ => new LeftLookingBlocking(ChunkEntries: 37, MinChunkRows: 3, SmallUpdateWork: 0, DirectRows: 2, SplitRowsMinArea: 0),
    };

    private static void AssertReconstructs(NDArray<double> rebuilt, SparseMatrix<double> a, double tol)
    {
        var dense = a.ToDense();
        for (long i = 0; i < dense.Size; i++)
            Assert.True(Math.Abs(rebuilt.Data[i] - dense.Data[i]) <= tol, $"entry {i}: {rebuilt.Data[i]} vs {dense.Data[i]}");
    }

    [Theory]
    [MemberData(nameof(Blockings))]
    public void Every_update_path_reconstructs_a_3d_mesh_and_a_random_matrix(string blocking)
    {
        var b = Blocking(blocking);
        // A 10^3 mesh in nested dissection (large separators, consecutive rows) and a random SPD matrix in AMD order
        // (scattered rows and columns), on one thread and on four (subtrees on the pool).
        foreach (var (a, ordering) in new[] { (Poisson3D<double>(10), SparseOrdering.NestedDissection), (RandomSpd<double>(400, 5, 8), SparseOrdering.Amd) })
        {
            var analysis = SparseCholeskyAnalysis.Analyze(a, ordering);
            // |A - L L^T| <= c n eps |L| |L^T| <= c n eps n ||A|| (entries of L bounded by sqrt(a_ii)).
            double tol = Allowance<double>(a.Rows) * Norm1(a);
            foreach (var threads in new[] { Parallelism.None, new Parallelism(4) })
            {
                var chol = analysis.FactorBlocked(a, threads, b);
                AssertReconstructs(chol.Reconstruct(), a, tol);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Blockings))]
    public void Every_update_path_reconstructs_an_indefinite_kkt_matrix(string blocking)
    {
        var a = Kkt(300, 120, 1e-2, 3);
        var analysis = SparseCholeskyAnalysis.Analyze(a, SparseOrdering.Amd);
        // LDL^T without pivoting on a quasi-definite matrix: growth bounded by the conditioning, as LdlTests allows.
        double tol = 100 * Allowance<double>(a.Rows) * Norm1(a);
        foreach (var threads in new[] { Parallelism.None, new Parallelism(4) })
        {
            var ldl = analysis.FactorLdlBlocked(a, threads, Blocking(blocking));
            AssertReconstructs(ldl.Reconstruct(), a, tol);
        }
    }

    [Fact]
    public void A_3d_factorization_takes_the_factor_and_one_buffer_not_the_fronts_update_matrices()
    {
        // On one thread every allocation of the factorization is this thread's: the factor's values, the update buffer,
        // the row map and the lists (O(n)), and the dense kernels' small scratch.
        var a = Poisson3D<double>(16);
        var analysis = SparseCholeskyAnalysis.Analyze(a, SparseOrdering.NestedDissection);
        analysis.Factor(a, Parallelism.None); // the kernels' pooled scratch is allocated once
        long before = GC.GetAllocatedBytesForCurrentThread();
        var chol = analysis.Factor(a, Parallelism.None);
        long taken = GC.GetAllocatedBytesForCurrentThread() - before;
        long factor = 8 * analysis.StoredEntries;
        long bound = factor + 8 * analysis.UpdateBufferEntries + 64L * a.Rows + 64L * analysis.SupernodeCount + (1 << 18);
        Assert.True(taken <= bound, $"allocated {taken} bytes, bound {bound} (factor {factor})");
        // A multifrontal factorization would hold its update matrices on a stack of this many entries besides.
        Assert.True(8 * analysis.StackSize > bound - factor, $"stack {8 * analysis.StackSize} bytes");
        Assert.True(taken <= 1.3 * factor, $"allocated {taken} bytes for a factor of {factor}");
        Assert.True(CholeskyTestMatrices.RelativeResidual(a, SparseTestProblems.Rhs<double>(a.Rows, 4),
            chol.Solve(NDArray.FromArray(SparseTestProblems.Rhs<double>(a.Rows, 4))).Data) <= Allowance<double>(a.Rows));
    }
}
