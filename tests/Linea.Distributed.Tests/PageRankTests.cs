namespace Linea.Distributed.Tests;

/// <summary>
/// Distributed PageRank under mpirun against one-process PageRank.Compute on the same graphs: balanced and skewed node
/// blocks (a rank with no nodes), CSR and CSC blocks, float and double, dangling nodes; bad input failing on every rank.
/// The exit code carries every rank's verdict (a FAIL on any rank makes it nonzero); the PASS counts allow 3 lines
/// less than exact, because mpirun's forwarding now and then splices two ranks' lines into one.
/// </summary>
public class PageRankTests
{
    [MpiFact]
    public void Distributed_pagerank_equals_one_process_pagerank_at_2_ranks() =>
        MpiRun.AssertPasses(2, "pagerank", minPassed: 2 * 25 - 3);

    [MpiFact]
    public void Distributed_pagerank_equals_one_process_pagerank_at_3_ranks() =>
        MpiRun.AssertPasses(3, "pagerank", minPassed: 3 * 25 - 3);
}
