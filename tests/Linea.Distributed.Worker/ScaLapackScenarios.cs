using System.Globalization;
using Linea;

namespace Linea.Distributed.Worker;

/// <summary>
/// ScaLAPACK scenarios: redistribution round trips (exact), LU / Cholesky / QR / least squares against Linea's
/// single-process answers within n eps cond tolerances, and errors thrown alike on every rank. The optional first
/// argument is a grid shape "PxQ" (default: the near-square choice).
/// </summary>
internal static class ScaLapackScenarios
{
    private const double Eps = 2.220446049250313e-16;

    internal static ProcessGrid Grid(Communicator world, string[] args)
    {
        if (args.Length > 0 && args[0].Split('x') is [string p, string q])
            return ProcessGrid.Create(world, int.Parse(p, CultureInfo.InvariantCulture), int.Parse(q, CultureInfo.InvariantCulture));
        return ProcessGrid.Create(world);
    }

    internal static NDArray<double> Global(int rows, int cols, Func<int, int, double> f)
    {
        var t = NDArray.Zeros<double>(rows, cols);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) t[i, j] = f(i, j);
        return t;
    }

    /// <summary>A seeded random matrix, the same on every rank (each rank draws the same sequence).</summary>
    internal static NDArray<double> Random(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        return Global(rows, cols, (_, _) => rng.NextDouble() * 2 - 1);
    }

    internal static double MaxAbs(NDArray<double> t) => t.ToArray().Select(Math.Abs).DefaultIfEmpty(0).Max();

    internal static double MaxDiff(NDArray<double> a, NDArray<double> b) => MaxAbs(a - b);

    /// <summary>‖A‖_∞, the largest absolute row sum.</summary>
    internal static double NormInf(NDArray<double> a)
    {
        double best = 0;
        for (int i = 0; i < a.Shape[0]; i++)
        {
            double s = 0;
            for (int j = 0; j < a.Shape[1]; j++) s += Math.Abs(a[i, j]);
            best = Math.Max(best, s);
        }
        return best;
    }

    /// <summary>The largest normwise backward error over the columns: ‖A x − b‖_∞ / (‖A‖_∞ ‖x‖_∞).</summary>
    internal static double BackwardError(NDArray<double> a, NDArray<double> x, NDArray<double> b)
    {
        NDArray<double> r = a.MatMul(x) - b;
        double na = NormInf(a), worst = 0;
        for (int k = 0; k < x.Shape[1]; k++)
        {
            double rk = 0, xk = 0;
            for (int i = 0; i < r.Shape[0]; i++) rk = Math.Max(rk, Math.Abs(r[i, k]));
            for (int i = 0; i < x.Shape[0]; i++) xk = Math.Max(xk, Math.Abs(x[i, k]));
            worst = Math.Max(worst, rk / (na * xk));
        }
        return worst;
    }

    private static string F(double v) => v.ToString("E2", CultureInfo.InvariantCulture);

    /// <summary>Exact round trips: row blocks (balanced, skewed, with empty ranks) -> block cyclic -> row blocks / gather.</summary>
    public static void Redistribute(Communicator world, Checks checks, string[] args)
    {
        using ProcessGrid grid = Grid(world, args);
        int p = world.Size, me = world.Rank;
        checks.Equal("grid.size", p, grid.Rows * grid.Columns);
        checks.Equal("grid.row_major", me, grid.RankAt(grid.MyRow, grid.MyColumn));
        foreach ((int m, int n, int mb, int nb) in new[] { (7, 5, 2, 3), (1, 4, 1, 1), (10, 10, 3, 3), (13, 6, 4, 2), (0, 3, 2, 2), (5, 1, 64, 64) })
        {
            string tag = $"{m}x{n}.b{mb}x{nb}";
            NDArray<double> g = Global(m, n, (i, j) => 1000 * i + j + 0.5);
            long[] skewCounts = new long[p];
            skewCounts[p - 1] = m; // everything on the last rank; the others hold zero rows
            long[] unevenCounts = new long[p];
            unevenCounts[0] = m / 3;
            if (p > 1) unevenCounts[1] = m - m / 3;
            else unevenCounts[0] = m;
            foreach ((string name, RowPartition part) in new[] { ("balanced", RowPartition.Balanced(m, p)), ("last_only", RowPartition.FromCounts(skewCounts)), ("uneven", RowPartition.FromCounts(unevenCounts)) })
            {
                NDArray<double> slice = g[(int)part.Offset(me)..(int)(part.Offset(me) + part.Count(me))];
                var bc = BlockCyclicMatrix<double>.FromRowBlocks(grid, slice, mb, nb);
                checks.True($"{tag}.{name}.shape", bc.Rows == m && bc.Columns == n, bc.ToString());
                checks.True($"{tag}.{name}.local_layout", LocalMatches(bc, g), "a local element differs from G(GlobalRow, GlobalColumn)");
                checks.Equal($"{tag}.{name}.numroc", Numroc(m, mb, grid.MyRow, grid.Rows), bc.LocalRows);
                using var rowBlockMatrix = RowBlockMatrix<double>.FromLocal(world, slice.Contiguous());
                checks.Sequence<double>($"{tag}.{name}.from_row_block_matrix", bc.Local, BlockCyclicMatrix<double>.FromRowBlocks(grid, rowBlockMatrix, mb, nb).Local);
                // Back to a different partition, then to the original one, then gathered on the last rank and on all.
                var other = RowPartition.Balanced(m, p);
                NDArray<double> back = bc.ToRowBlocks(other);
                checks.Sequence<double>($"{tag}.{name}.to_balanced", g[(int)other.Offset(me)..(int)(other.Offset(me) + other.Count(me))].Contiguous().ToArray(), back.ToArray());
                checks.Sequence<double>($"{tag}.{name}.round_trip", slice.Contiguous().ToArray(), bc.ToRowBlocks(part).ToArray());
                NDArray<double>? gathered = bc.Gather(p - 1);
                if (me == p - 1) checks.Sequence<double>($"{tag}.{name}.gather", g.ToArray(), gathered!.ToArray());
                else checks.True($"{tag}.{name}.gather_null_off_root", gathered is null);
                checks.Sequence<double>($"{tag}.{name}.allgather", g.ToArray(), bc.Allgather().ToArray());
            }
            var scattered = BlockCyclicMatrix<double>.Scatter(grid, me == 0 ? g : null, 0, mb, nb);
            checks.True($"{tag}.scatter.local_layout", LocalMatches(scattered, g), "a local element differs");
            var built = BlockCyclicMatrix<double>.FromFunction(grid, m, n, (i, j) => 1000 * i + j + 0.5, mb, nb);
            checks.Sequence<double>($"{tag}.from_function_equals_scatter", scattered.Local, built.Local);
        }
        // Grids come and go (each Create takes a BLACS system handle and frees it): alternate shapes, a gather on each.
        for (int k = 0; k < 6; k++)
        {
            using ProcessGrid g2 = k % 2 == 0 ? ProcessGrid.Create(world, p, 1) : ProcessGrid.Create(world, 1, p);
            var small = BlockCyclicMatrix<double>.FromFunction(g2, 5, 4, (i, j) => 10 * i + j, 2, 2);
            checks.Sequence<double>($"grid.recreate.{k}", Global(5, 4, (i, j) => 10 * i + j).ToArray(), small.Allgather().ToArray());
        }
        // float survives the round trip too.
        var gf = NDArray.FromArray(Enumerable.Range(0, 12).Select(v => v + 0.25f).ToArray(), 4, 3);
        var bf = BlockCyclicMatrix<float>.Scatter(grid, me == 0 ? gf : null, 0, 1, 2);
        checks.Sequence<float>("float.allgather", gf.ToArray(), bf.Allgather().ToArray());
        // Alltoallv's own checks: counts that do not pair up throw on every rank.
        int[] sendCounts = Enumerable.Repeat(1, p).ToArray();
        int[] recvCounts = Enumerable.Repeat(1, p).ToArray();
        if (me == 0) recvCounts[p - 1] = 2;
        checks.Throws<MpiCountMismatchException>("alltoallv.mismatch", () =>
            world.Alltoallv<double>(new double[p], sendCounts, new double[2 * p], recvCounts), $"rank {p - 1} sends 1 to rank 0, which expects 2");
        double[] sendAll = Enumerable.Range(0, p).Select(d => 100.0 * me + d).ToArray();
        double[] got = new double[p];
        world.Alltoallv<double>(sendAll, Enumerable.Repeat(1, p).ToArray(), got, Enumerable.Repeat(1, p).ToArray());
        checks.Sequence<double>("alltoallv.transpose", Enumerable.Range(0, p).Select(s => 100.0 * s + me).ToArray(), got);
    }

    private static bool LocalMatches(BlockCyclicMatrix<double> bc, NDArray<double> g)
    {
        for (int lj = 0; lj < bc.LocalColumns; lj++)
            for (int li = 0; li < bc.LocalRows; li++)
                if (bc.Local[li + lj * bc.LeadingDimension] != g[bc.GlobalRow(li), bc.GlobalColumn(lj)]) return false;
        return true;
    }

    private static int Numroc(int n, int nb, int iproc, int procs) => ScaLapackProbe.Numroc(n, nb, iproc, procs);

    /// <summary>LU, Cholesky, QR and least squares against Linea's single-process answers.</summary>
    public static void Solve(Communicator world, Checks checks, string[] args)
    {
        using ProcessGrid grid = Grid(world, args);
        const int n = 37, nrhs = 3, nb = 4;
        // LU: a random matrix (well conditioned enough) with several right-hand sides.
        NDArray<double> a = Random(n, n, 11), b = Random(n, nrhs, 12);
        var A = BlockCyclicMatrix<double>.Scatter(grid, world.IsRoot ? a : null, 0, nb, nb);
        var part = RowPartition.Balanced(n, world.Size);
        var B = BlockCyclicMatrix<double>.FromRowBlocks(grid, b[(int)part.Offset(world.Rank)..(int)(part.Offset(world.Rank) + part.Count(world.Rank))], nb, 2);
        NDArray<double> x = ScaLapack.Solve(A, B).Allgather();
        NDArray<double> xRef = Linalg.Solve(a, b);
        double cond = Linalg.Cond(a);
        checks.Close("lu.equals_linalg_solve", xRef.ToArray(), x.ToArray(), 10 * n * Eps * cond * MaxAbs(xRef));
        double be = BackwardError(a, x, b), beRef = BackwardError(a, xRef, b);
        Console.WriteLine($"[rank {world.Rank}] INFO lu backward_error={F(be)} linea_lu_backward_error={F(beRef)} cond={F(cond)}");
        checks.True("lu.backward_error", be <= 2 * n * Eps, $"{F(be)} > 2 n eps");
        checks.True("lu.backward_error_at_linea_level", be <= 10 * Math.Max(beRef, Eps), $"{F(be)} vs Linea's {F(beRef)}");
        checks.Sequence<double>("lu.inputs_unchanged", a.ToArray(), A.Allgather().ToArray());
        // In place: A becomes the factors, B the solution.
        var A2 = A.Copy();
        var B2 = B.Copy();
        ScaLapack.SolveInPlace(A2, B2);
        checks.Sequence<double>("lu.in_place_equals_copying", x.ToArray(), B2.Allgather().ToArray());

        // Float: the ps routines.
        NDArray<float> af = NDArray.FromArray(a.ToArray().Select(v => (float)v).ToArray(), n, n), bf = NDArray.FromArray(b.ToArray().Select(v => (float)v).ToArray(), n, nrhs);
        var Af = BlockCyclicMatrix<float>.Scatter(grid, world.IsRoot ? af : null, 0, nb, nb);
        var Bf = BlockCyclicMatrix<float>.Scatter(grid, world.IsRoot ? bf : null, 0, nb, 1);
        NDArray<float> xf = ScaLapack.Solve(Af, Bf).Allgather();
        double bef = BackwardError(ToDouble(af), ToDouble(xf), ToDouble(bf));
        checks.True("lu.float.backward_error", bef <= 2 * n * 1.1920929e-7, $"{F(bef)} > 2 n eps_f");

        // Cholesky: SPD S = Mᵀ M + n I.
        NDArray<double> mm = Random(n, n, 13);
        NDArray<double> s = mm.T.MatMul(mm) + Global(n, n, (i, j) => i == j ? n : 0);
        s = (s + s.T) * 0.5;
        var S = BlockCyclicMatrix<double>.Scatter(grid, world.IsRoot ? s : null, 0, nb, nb);
        NDArray<double> l = ScaLapack.Cholesky(S).Allgather();
        NDArray<double> lRef = Linalg.Cholesky(s);
        double condS = Linalg.Cond(s), normS = NormInf(s);
        checks.Close("cholesky.equals_linalg_cholesky", lRef.ToArray(), l.ToArray(), 10 * n * Eps * condS * MaxAbs(lRef));
        checks.True("cholesky.reconstructs", MaxDiff(l.MatMul(l.T), s) <= 10 * n * Eps * normS, $"|L Lᵀ - S| = {F(MaxDiff(l.MatMul(l.T), s))}");
        checks.True("cholesky.upper_zero", Enumerable.Range(0, n).All(i => Enumerable.Range(i + 1, n - i - 1).All(j => l[i, j] == 0)));
        NDArray<double> u = ScaLapack.Cholesky(S, lower: false).Allgather();
        checks.True("cholesky.upper.reconstructs", MaxDiff(u.T.MatMul(u), s) <= 10 * n * Eps * normS);
        var L = ScaLapack.Cholesky(S);
        var Bs = BlockCyclicMatrix<double>.Scatter(grid, world.IsRoot ? b : null, 0, nb, nb);
        NDArray<double> xs = ScaLapack.CholeskySolve(L, Bs).Allgather();
        NDArray<double> xsRef = Linalg.Solve(s, b);
        checks.Close("cholesky_solve.equals_linalg_solve", xsRef.ToArray(), xs.ToArray(), 10 * n * Eps * condS * MaxAbs(xsRef));
        checks.True("cholesky_solve.backward_error", BackwardError(s, xs, b) <= 2 * n * Eps, F(BackwardError(s, xs, b)));
        NDArray<double> xu = ScaLapack.CholeskySolve(ScaLapack.Cholesky(S, lower: false), Bs, lower: false).Allgather();
        checks.Close("cholesky_solve.upper", xsRef.ToArray(), xu.ToArray(), 10 * n * Eps * condS * MaxAbs(xsRef));

        // QR of a tall 45 x 7 matrix: R up to row signs, Q orthonormal, Q R = A; least squares equals Linalg.Lstsq.
        const int m = 45, k = 7;
        NDArray<double> t = Random(m, k, 14), y = Random(m, 2, 15);
        var T = BlockCyclicMatrix<double>.Scatter(grid, world.IsRoot ? t : null, 0, nb, nb);
        BlockCyclicQr<double> qr = ScaLapack.Qr(T);
        NDArray<double> r = qr.R().Allgather(), q = qr.Q().Allgather();
        NDArray<double> rRef = Linalg.QrR(t);
        double condT = Linalg.Cond(t), normT = NormInf(t);
        NDArray<double> rSigned = Global(k, k, (i, j) => Math.Sign(r[i, i]) * Math.Sign(rRef[i, i]) * r[i, j]);
        checks.Close("qr.r_equals_linalg_up_to_row_signs", rRef.ToArray(), rSigned.ToArray(), 10 * m * Eps * condT * normT);
        checks.Equal("qr.r_shape", "(7, 7)", r.Shape.ToString());
        checks.True("qr.q_orthonormal", MaxDiff(q.T.MatMul(q), Global(k, k, (i, j) => i == j ? 1 : 0)) <= 10 * m * Eps, F(MaxDiff(q.T.MatMul(q), Global(k, k, (i, j) => i == j ? 1 : 0))));
        checks.True("qr.reconstructs", MaxDiff(q.MatMul(r), t) <= 10 * m * Eps * normT, F(MaxDiff(q.MatMul(r), t)));
        var Y = BlockCyclicMatrix<double>.Scatter(grid, world.IsRoot ? y : null, 0, nb, 1);
        NDArray<double> beta = ScaLapack.Lstsq(T, Y).Allgather();
        NDArray<double> betaRef = Linalg.Lstsq(t, y).Solution;
        double residual = MaxAbs(t.MatMul(betaRef) - y);
        double lsTol = 10 * m * Eps * (condT + condT * condT * residual / (normT * MaxAbs(betaRef))) * MaxAbs(betaRef);
        checks.Close("lstsq.equals_linalg_lstsq", betaRef.ToArray(), beta.ToArray(), lsTol);
        checks.Equal("lstsq.shape", "(7, 2)", beta.Shape.ToString());
        // pdgels and the QR object's pdormqr + pdtrsm run the same steps, bit for bit with the reference BLAS, but an
        // optimised system BLAS (OpenBLAS as libblas.so.3) may block them differently and round the last bit apart:
        // the same least-squares bound as against Linalg.Lstsq.
        checks.Close("lstsq.via_qr_object", beta.ToArray(), qr.Solve(Y).Allgather().ToArray(), lsTol);
    }

    private static NDArray<double> ToDouble(NDArray<float> t) => NDArray.FromArray(t.ToArray().Select(v => (double)v).ToArray(), t.Shape.ToArray());

    /// <summary>Errors: singular, not positive definite, rank deficient, non-conforming, non-finite; each on every rank.</summary>
    public static void Errors(Communicator world, Checks checks, string[] args)
    {
        using ProcessGrid grid = Grid(world, args);
        const int n = 12, nb = 3;
        // Column 5 zero: elimination meets an exactly zero pivot in column 5 (INFO = 6).
        NDArray<double> a = Random(n, n, 21);
        for (int i = 0; i < n; i++) a[i, 5] = 0;
        var A = BlockCyclicMatrix<double>.Scatter(grid, world.IsRoot ? a : null, 0, nb, nb);
        var B = BlockCyclicMatrix<double>.FromFunction(grid, n, 2, (i, j) => i + j, nb, nb);
        checks.Throws<SingularMatrixException>("singular.pdgesv", () => ScaLapack.Solve(A, B), "pdgesv", "U[5, 5] = 0", "INFO = 6");
        try { ScaLapack.Solve(A, B); } catch (SingularMatrixException e) { checks.Equal("singular.pivot_index", 5, e.PivotIndex); }
        // Not positive definite: the identity with -1 at (6, 6): the leading minor of order 7 fails.
        var S = BlockCyclicMatrix<double>.FromFunction(grid, n, n, (i, j) => i == j ? (i == 6 ? -1 : 2) : 0, nb, nb);
        checks.Throws<NotPositiveDefiniteException>("not_pd.pdpotrf", () => ScaLapack.Cholesky(S), "pdpotrf", "leading minor of order 7");
        try { ScaLapack.Cholesky(S); } catch (NotPositiveDefiniteException e) { checks.Equal("not_pd.minor_order", 7, e.MinorOrder); }
        // Rank deficient least squares: a zero column makes R[3, 3] exactly zero.
        var T = BlockCyclicMatrix<double>.FromFunction(grid, 20, 6, (i, j) => j == 3 ? 0 : Math.Sin(7 * i + 3 * j + 1), nb, nb);
        var Y = BlockCyclicMatrix<double>.FromFunction(grid, 20, 1, (i, _) => i, nb, nb);
        checks.Throws<SingularMatrixException>("rank_deficient.lstsq", () => ScaLapack.Lstsq(T, Y), "pdtrtrs", "R[3, 3] = 0");
        // Non-conforming shapes and blocks.
        var B5 = BlockCyclicMatrix<double>.FromFunction(grid, 5, 1, (i, _) => i, nb, nb);
        checks.Throws<ShapeMismatchException>("shape.rhs_rows", () => ScaLapack.Solve(A, B5), "B's rows (5) must equal A's rows (12)");
        var R = BlockCyclicMatrix<double>.FromFunction(grid, n, n + 1, (i, j) => i + j, nb, nb);
        checks.Throws<ShapeMismatchException>("shape.not_square", () => ScaLapack.Solve(R, B), "A must be square, got (12, 13)");
        checks.Throws<ShapeMismatchException>("shape.cholesky_not_square", () => ScaLapack.Cholesky(R), "pdpotrf", "square");
        var Wide = BlockCyclicMatrix<double>.FromFunction(grid, 4, 6, (i, j) => i + j, nb, nb);
        checks.Throws<ShapeMismatchException>("shape.lstsq_wide", () => ScaLapack.Lstsq(Wide, BlockCyclicMatrix<double>.Zeros(grid, 4, 1, nb, nb)), "m ≥ n");
        var Rect = BlockCyclicMatrix<double>.FromFunction(grid, n, n, (i, j) => i == j ? 1 : 0, 2, 3);
        checks.Throws<ArgumentException>("blocks.not_square", () => ScaLapack.Solve(Rect, B), "mb = nb");
        var Bmb = BlockCyclicMatrix<double>.FromFunction(grid, n, 1, (i, _) => i, 4, 4);
        checks.Throws<ArgumentException>("blocks.rhs_row_block", () => ScaLapack.Solve(A, Bmb), "row block (4) must equal A's (3)");
        checks.Throws<ArgumentException>("grid.shape", () => ProcessGrid.Create(world, 5, 7), "does not hold");
        var wrongWidth = NDArray.Zeros<double>(world.Rank == 0 ? 2 : 1, world.Rank == world.Size - 1 ? 4 : 3);
        if (world.Size > 1)
            checks.Throws<ShapeMismatchException>("row_blocks.columns_differ", () => BlockCyclicMatrix<double>.FromRowBlocks(grid, wrongWidth), $"rank {world.Size - 1}: (1, 4)");
        // NaN on one rank's part only: every rank throws.
        var Nan = BlockCyclicMatrix<double>.FromFunction(grid, n, n, (i, j) => i == n - 1 && j == n - 1 ? double.NaN : i == j ? 1 : 0, nb, nb);
        checks.Throws<NonFiniteException>("nonfinite.solve", () => ScaLapack.Solve(Nan, B), "NaN or infinity");
        // The job still works after every failure: a good solve.
        var I = BlockCyclicMatrix<double>.FromFunction(grid, n, n, (i, j) => i == j ? 2 : 0, nb, nb);
        checks.Sequence<double>("after_errors.solve", Enumerable.Range(0, n).SelectMany(i => new[] { i / 2.0, (i + 1) / 2.0 }).ToArray(), ScaLapack.Solve(I, B).Allgather().ToArray());
    }
}
