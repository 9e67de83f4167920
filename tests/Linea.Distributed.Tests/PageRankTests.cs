namespace Linea.Distributed.Tests;

/// <summary>
/// Distributed PageRank under mpirun against one-process PageRank.Compute on the same graphs: balanced and skewed node
/// blocks (a rank with no nodes), CSR and CSC blocks, float and double, dangling nodes; bad input failing on every rank.
/// </summary>
public class PageRankTests
{
    [MpiFact]
    public void Distributed_pagerank_equals_one_process_pagerank_at_2_ranks() =>
        MpiRun.AssertPasses(2, "pagerank", minPassed: 2 * 22);

    [MpiFact]
    public void Distributed_pagerank_equals_one_process_pagerank_at_3_ranks() =>
        MpiRun.AssertPasses(3, "pagerank", minPassed: 3 * 22);
}
