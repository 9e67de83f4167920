using System.Diagnostics;
using System.Globalization;
using Linea.ML;

namespace Linea.Bench;

/// <summary>
/// `sparse [--ops spmv,cg,pagerank,eigsh,cholesky,lu] [--grid 500] [--grid3d 60] [--nodes 1000000] [--edges 10000000] [--seed 17]
/// [--peer scipy|none] [--peer-timeout 900] [--samples 7] [--solver-samples 3] [--threads 2] [--large-grid 1500] [--python PATH]
/// [--ordering auto]`:
/// issue #17's sparse table against SciPy (bench/scipy_sparse.py), one line per case:
/// <c>sparse op=.. case=.. n=.. nnz=.. linea_s=.. peer=scipy peer_s=.. ratio=peer_s/linea_s ...</c>.
/// Cases: the 2-D Poisson matrix on a grid x grid mesh (spmv, cg, eigsh) and a random directed graph, uniform
/// source and target per edge from a seeded Rng (spmv, pagerank); SciPy loads the very matrices this process built
/// (raw CSR arrays in a temporary folder, see <see cref="SciPyPeer"/>). Times are warm medians: spmv of
/// --samples samples, each a batch of products lasting >= 50 ms; pagerank and cg of --solver-samples whole runs;
/// eigsh of one run (SciPy's ARPACK needs minutes at grid 500: --peer-timeout bounds it, reported as peer_s=timeout).
/// spmv also times A^T x on the same CSR arrays (op=rmatvec, the scatter; SciPy's A.T @ x), prints the machine's
/// STREAM-like bandwidth on --threads threads (<see cref="MemoryBandwidth"/>, re-measured between the samples of each
/// case) and each product's share of it (bw_GBs, bw_frac), and adds a Poisson case on a --large-grid mesh (default
/// 1500: ~190 MB of traffic per product) because the grid-500 matrix (21 MB) fits in a 32 MiB L3 and so measures the
/// cache, not memory (0 skips it).
/// cg and eigsh call SparseLinalg.Cg/Eigsh (SparseRunner.Solvers.cs). cholesky and lu (issue #18, not in the
/// default --ops) compare the sparse direct solvers with CHOLMOD, UMFPACK and SciPy's splu (SparseRunner.Direct.cs);
/// --peer none skips every peer.
/// </summary>
internal static partial class SparseRunner
{
    private sealed record Options(string[] Ops, int Grid, int Grid3D, int Nodes, int Edges, ulong Seed, bool Peer, double PeerTimeout,
        int Samples, int SolverSamples, int Threads, string? Python, int LargeGrid, SparseOrdering Ordering);

    /// <summary>A benchmark matrix with its name and the fields that identify it.</summary>
    private sealed record BenchCase(string Name, string Fields, SparseMatrix<double> A);

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        var o = Parse(args);
        using var peer = o.Peer ? SciPyPeer.Create(o.Python) : null;
        BenchCase? poisson = null, graph = null;
        BenchCase Poisson() => poisson ??= new("poisson2d", $"grid={o.Grid}", SparseBenchMatrices.Poisson2D(o.Grid));
        BenchCase Graph() => graph ??= new("random_graph", $"seed={o.Seed}", SparseBenchMatrices.RandomGraph(o.Nodes, o.Edges, o.Seed));
        Console.WriteLine($"sparse machine threads={Parallelism.Default.Threads} cores={Environment.ProcessorCount} " +
                          $"linea_num_threads={Environment.GetEnvironmentVariable("LINEA_NUM_THREADS") ?? "unset"}");
        foreach (string op in o.Ops)
        {
            switch (op)
            {
                case "spmv":
                    var bw = new MemoryBandwidth(o.Threads).Measure(10);
                    Console.WriteLine($"sparse op=stream threads={o.Threads} triad_gbs={bw.TriadGbs:F2} read_gbs={bw.ReadGbs:F2}");
                    var large = o.LargeGrid > 0 ? new BenchCase("poisson2d", $"grid={o.LargeGrid}", SparseBenchMatrices.Poisson2D(o.LargeGrid)) : null;
                    foreach (var c in large is null ? [Poisson(), Graph()] : new[] { Poisson(), Graph(), large })
                    {
                        Spmv(c, transpose: false, o, peer, bw);
                        Spmv(c, transpose: true, o, peer, bw);
                    }
                    break;
                case "pagerank":
                    PageRankCase(Graph(), o, peer);
                    break;
                case "cg":
                case "eigsh":
                    SolverCase(op, Poisson(), o, peer);
                    break;
                case "cholesky":
                    CholeskyCases(o);
                    break;
                case "lu":
                    LuCases(o, peer);
                    break;
                default:
                    Console.Error.WriteLine($"sparse: unknown op '{op}'; expected spmv, cg, pagerank, eigsh, cholesky or lu");
                    return 2;
            }
        }
        return 0;
    }

    /// <summary>
    /// One SpMV case: A x (the CSR gather) or, with <paramref name="transpose"/>, A^T x (op=rmatvec: the scatter over the
    /// same CSR arrays; SciPy's <c>A.T @ x</c> is its CSC product). Before each timed sample one pass of each bandwidth
    /// kernel runs, so that bw_frac compares the SpMV with the bandwidth available in the same minute.
    /// </summary>
    private static void Spmv(BenchCase c, bool transpose, Options o, SciPyPeer? peer, MemoryBandwidth bw)
    {
        var a = c.A;
        var x = new double[transpose ? a.Rows : a.Columns];
        Array.Fill(x, 1.0);
        var y = new double[transpose ? a.Columns : a.Rows];
        void Product() { if (transpose) a.Rmatvec(x, y); else a.Matvec(x, y); }
        Product();
        var once = Stopwatch.StartNew();
        Product();
        int reps = Math.Max(1, (int)(0.05 / Math.Max(once.Elapsed.TotalSeconds, 1e-6)));
        bw.Reset();
        var times = new double[Math.Max(1, o.Samples)];
        for (int i = 0; i < times.Length; i++)
        {
            bw.Pass();
            var sw = Stopwatch.StartNew();
            for (int r = 0; r < reps; r++) Product();
            times[i] = sw.Elapsed.TotalSeconds / reps;
        }
        Array.Sort(times);
        double s = times[times.Length / 2];
        // Compulsory traffic: values and 32-bit indices once (12 bytes per entry), indptr (8 bytes per row), x read
        // once, y written once (the write-allocate read of y and the scatter's per-thread buffers not counted).
        double bytes = 12.0 * a.Nnz + 8.0 * (a.Rows + 1) + 8.0 * x.Length + 8.0 * y.Length;
        double gbs = bytes / s / 1e9, best = bytes / times[0] / 1e9;
        var peerFields = peer?.Run(transpose ? "rmatvec" : "spmv", a, o.Samples, o.PeerTimeout);
        Report(transpose ? "rmatvec" : "spmv", c, s, peerFields,
            $"reps={reps} bw_GBs={gbs:F2} bw_frac={gbs / bw.BestGbs:F2} stream_GBs={bw.BestGbs:F2} triad_GBs={bw.TriadGbs:F2} " +
            $"read_GBs={bw.ReadGbs:F2} best_bw_GBs={best:F2} best_bw_frac={best / bw.BestGbs:F2}");
    }

    private static void PageRankCase(BenchCase c, Options o, SciPyPeer? peer)
    {
        // From the CSR adjacency, as SciPy's side starts; one untimed run first.
        var result = PageRank.Compute(c.A);
        double s = Median(o.SolverSamples, () => result = PageRank.Compute(c.A));
        long top = result.Scores.ArgMax();
        var peerFields = peer?.Run("pagerank", c.A, o.SolverSamples, o.PeerTimeout);
        Report("pagerank", c, s, peerFields, $"iterations={result.Iterations} last_change={result.LastChange:E2} top={top}");
    }

    /// <summary>cg and eigsh: the Linea side is in SparseRunner.Solvers.cs.</summary>
    private static void SolverCase(string op, BenchCase c, Options o, SciPyPeer? peer)
    {
        var (linea, fields) = RunSolver(op, c.A, o.SolverSamples);
        string extra = op == "cg" ? "--rtol 1e-8" : "--k 10 --which LA";
        var peerFields = peer?.Run(op, c.A, op == "cg" ? o.SolverSamples : 1, o.PeerTimeout, extra);
        Report(op, c, linea, peerFields, fields);
    }

    private static void Report(string op, BenchCase c, double? linea, IReadOnlyDictionary<string, string>? peer, string extra)
    {
        var line = new System.Text.StringBuilder();
        line.Append(Inv, $"sparse op={op} case={c.Name} n={c.A.Rows} nnz={c.A.Nnz} linea_s={(linea is double l ? l.ToString("F5", Inv) : "na")}");
        if (peer is null) line.Append(" peer=none");
        else
        {
            string ps = peer["peer_s"];
            line.Append(Inv, $" peer=scipy peer_s={ps}");
            if (double.TryParse(ps, NumberStyles.Float, Inv, out double p) && linea is double lv)
                line.Append(Inv, $" ratio={p / lv:F2}");
            else if (ps == "timeout" && linea is double lt)
                line.Append(Inv, $" ratio=na ratio_at_least={double.Parse(peer["peer_timeout_s"], Inv) / lt:F1}");
            else line.Append(" ratio=na");
        }
        line.Append(' ').Append(c.Fields).Append(" threads=").Append(Parallelism.Default.Threads.ToString(Inv));
        if (extra.Length > 0) line.Append(' ').Append(extra);
        if (peer is not null)
            foreach (var (k, v) in peer)
                if (k != "peer_s") line.Append(' ').Append(k.StartsWith("peer_", StringComparison.Ordinal) ? k : "peer_" + k).Append('=').Append(v);
        Console.WriteLine(line.ToString());
    }

    private static double Median(int samples, Action body)
    {
        var times = new double[Math.Max(1, samples)];
        for (int i = 0; i < times.Length; i++)
        {
            var sw = Stopwatch.StartNew();
            body();
            times[i] = sw.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return times[times.Length / 2];
    }

    private static Options Parse(string[] args)
    {
        string? Arg(string name)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        string peer = Arg("--peer") ?? "scipy";
        if (peer is not ("scipy" or "none")) throw new ArgumentException($"sparse: --peer must be scipy or none, got '{peer}'");
        return new Options(
            Ops: (Arg("--ops") ?? "spmv,cg,pagerank,eigsh").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Grid: int.Parse(Arg("--grid") ?? "500", Inv),
            Grid3D: int.Parse(Arg("--grid3d") ?? "60", Inv),
            Nodes: int.Parse(Arg("--nodes") ?? "1000000", Inv),
            Edges: int.Parse(Arg("--edges") ?? "10000000", Inv),
            Seed: ulong.Parse(Arg("--seed") ?? "17", Inv),
            Peer: peer == "scipy",
            PeerTimeout: double.Parse(Arg("--peer-timeout") ?? "900", Inv),
            Samples: int.Parse(Arg("--samples") ?? "7", Inv),
            SolverSamples: int.Parse(Arg("--solver-samples") ?? "3", Inv),
            Threads: int.Parse(Arg("--threads") ?? Parallelism.Default.Threads.ToString(Inv), Inv),
            Python: Arg("--python"),
            LargeGrid: int.Parse(Arg("--large-grid") ?? "1500", Inv),
            Ordering: Enum.Parse<SparseOrdering>(Arg("--ordering") ?? "auto", ignoreCase: true));
    }
}
