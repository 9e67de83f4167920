using System.Globalization;
using System.Text;

namespace Linea.Bench;

/// <summary>
/// The cholesky and lu cases of the `sparse` runner (issue #18): Linea's sparse Cholesky against CHOLMOD on the 2-D
/// Poisson matrix (--grid) and the 3-D one (--grid3d, 0 skips it); Linea's sparse LU against UMFPACK and SciPy's
/// splu on the unsymmetric convection-diffusion matrix (--grid, <see cref="SparseBenchMatrices.ConvectionDiffusion2D"/>).
/// One line per (case, peer): <c>sparse op=cholesky case=.. n=.. nnz=.. linea_s=.. peer=cholmod peer_s=.. ratio=..
/// nnz_factor=.. peer_nnz_factor=.. analyze_s=.. peer_analyze_s=.. timed=..</c>. timed says what linea_s and peer_s
/// measure: the numeric factorization alone for Cholesky (CHOLMOD's cholmod_l_factorize), analysis plus factorization
/// for LU (Linea's Sparse.Lu orders and factors in one call, as splu does). Medians of --solver-samples runs, each from
/// scratch. Linea uses --ordering (auto, natural, amd, colamd, nesteddissection; default auto); the peers their own
/// defaults. The Linea side lives in SparseRunner.DirectLinea.cs.
/// </summary>
internal static partial class SparseRunner
{

    private static void CholeskyCases(Options o)
    {
        CholeskyCase(new BenchCase("poisson2d", $"grid={o.Grid}", SparseBenchMatrices.Poisson2D(o.Grid)), o);
        if (o.Grid3D > 0)
            CholeskyCase(new BenchCase("poisson3d", $"grid3d={o.Grid3D}", SparseBenchMatrices.Poisson3D(o.Grid3D)), o);
    }

    private static void CholeskyCase(BenchCase c, Options o)
    {
        var linea = LineaCholesky(c.A, o.Ordering, o.SolverSamples);
        var peer = o.Peer ? NativePeer(() => CholmodPeer.Run(c.A, o.SolverSamples, o.Threads)) : null;
        ReportDirect("cholesky", c, "factor", linea, "cholmod", peer, r => r.FactorSeconds);
    }

    private static void LuCases(Options o, SciPyPeer? scipy)
    {
        var c = new BenchCase("convdiff2d", FormattableString.Invariant(
            $"grid={o.Grid} peclet_x={SparseBenchMatrices.ConvectionPecletX} peclet_y={SparseBenchMatrices.ConvectionPecletY}"),
            SparseBenchMatrices.ConvectionDiffusion2D(o.Grid));
        var linea = LineaLu(c.A, o.Ordering, o.SolverSamples);
        if (!o.Peer)
        {
            ReportDirect("lu", c, "analyze+factor", linea, "none", null, r => Total(r));
            return;
        }
        var umfpack = NativePeer(() => UmfpackPeer.Run(c.A, o.SolverSamples, o.Threads));
        ReportDirect("lu", c, "analyze+factor", linea, "umfpack", umfpack, r => Total(r));
        if (scipy is null)
        {
            ReportDirect("lu", c, "analyze+factor", linea, "scipy", new PeerOutcome(null, "na"), r => Total(r));
            return;
        }
        var f = scipy.Run("lu", c.A, o.SolverSamples, o.PeerTimeout);
        PeerOutcome sp = double.TryParse(f["peer_s"], NumberStyles.Float, CultureInfo.InvariantCulture, out double s)
            ? new PeerOutcome(new DirectResult(double.NaN, s,
                long.Parse(f["nnz_factor"], CultureInfo.InvariantCulture), double.Parse(f["rel_residual"], CultureInfo.InvariantCulture),
                [.. f.Where(kv => kv.Key is not ("peer_s" or "nnz_factor" or "rel_residual")).Select(kv => new KeyValuePair<string, string>("peer_" + kv.Key, kv.Value))]), null)
            : new PeerOutcome(null, f["peer_s"] + (f.TryGetValue("peer_error", out var e) ? " peer_error=" + e : ""));
        ReportDirect("lu", c, "analyze+factor", linea, "scipy", sp, r => Total(r));
    }

    /// <summary>Analysis plus factorization; a solver that does both in one call has NaN analysis seconds.</summary>
    private static double Total(DirectResult r) => double.IsNaN(r.AnalyzeSeconds) ? r.FactorSeconds : r.AnalyzeSeconds + r.FactorSeconds;

    /// <summary>A peer's result, or why there is none: "na" (library missing), "error ..." or "timeout".</summary>
    private sealed record PeerOutcome(DirectResult? Result, string? Missing);

    private static PeerOutcome NativePeer(Func<DirectResult?> run)
    {
        try
        {
            var r = run();
            return r is null ? new PeerOutcome(null, "na") : new PeerOutcome(r, null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or EntryPointNotFoundException or DllNotFoundException)
        {
            return new PeerOutcome(null, "error peer_error=\"" + ex.Message.Replace("\"", "'", StringComparison.Ordinal) + "\"");
        }
    }



    private static void ReportDirect(string op, BenchCase c, string timed, DirectResult linea, string peerName,
        PeerOutcome? peer, Func<DirectResult, double> seconds)
    {
        var inv = CultureInfo.InvariantCulture;
        static string F(double v) => double.IsNaN(v) ? "na" : v.ToString("F4", CultureInfo.InvariantCulture);
        var line = new StringBuilder();
        line.Append(inv, $"sparse op={op} case={c.Name} n={c.A.Rows} nnz={c.A.Nnz} linea_s={F(seconds(linea))}");
        if (peer is null) line.Append(" peer=none");
        else
        {
            line.Append(inv, $" peer={peerName} peer_s={(peer.Result is null ? peer.Missing : F(seconds(peer.Result)))}");
            line.Append(inv, $" ratio={(peer.Result is not null ? (seconds(peer.Result) / seconds(linea)).ToString("F2", inv) : "na")}");
        }
        line.Append(inv, $" nnz_factor={linea.NnzFactor.ToString(inv)}");
        line.Append(inv, $" peer_nnz_factor={(peer?.Result is null ? "na" : peer.Result.NnzFactor.ToString(inv))}");
        if (peer?.Result is not null)
            line.Append(inv, $" fill_ratio={(double)linea.NnzFactor / peer.Result.NnzFactor:F3}");
        line.Append(inv, $" analyze_s={F(linea.AnalyzeSeconds)}");
        line.Append(inv, $" peer_analyze_s={(peer?.Result is null ? "na" : F(peer.Result.AnalyzeSeconds))}");
        if (peer?.Result is not null && timed != "factor") line.Append(inv, $" peer_factor_s={F(peer.Result.FactorSeconds)}");
        line.Append(inv, $" timed={timed} {c.Fields} threads={Parallelism.Default.Threads}");
        line.Append(inv, $" rel_residual={linea.RelResidual:E2}");
        foreach (var (k, v) in linea.Extra) line.Append(' ').Append(k).Append('=').Append(v);
        if (peer?.Result is { } p)
        {
            line.Append(inv, $" peer_rel_residual={p.RelResidual:E2}");
            foreach (var (k, v) in p.Extra) line.Append(' ').Append(k).Append('=').Append(v);
        }
        Console.WriteLine(line.ToString());
    }
}
