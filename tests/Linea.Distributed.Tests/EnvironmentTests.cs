namespace Linea.Distributed.Tests;

/// <summary>In-process checks that need no mpirun: availability never throws, and use before Initialize is explained.</summary>
public class EnvironmentTests
{
    [Fact]
    public void IsAvailable_never_throws_and_explains_itself()
    {
        bool available = MpiEnvironment.IsAvailable;
        if (available) Assert.Null(MpiEnvironment.UnavailableReason);
        else Assert.Contains("libmpi", MpiEnvironment.UnavailableReason!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_library_is_reported_not_thrown()
    {
        var (native, reason) = Mpi.MpiLibrary.TryLoad(["/nonexistent/libmpi.so.40"]);
        Assert.Null(native);
        Assert.Contains("could not load libmpi", reason, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/libmpi.so.40", reason, StringComparison.Ordinal);
        Assert.Contains("openmpi-bin", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_library_that_is_not_Open_MPI_is_reported_not_thrown()
    {
        var (native, reason) = Mpi.MpiLibrary.TryLoad(["libc.so.6"]);
        Assert.Null(native);
        Assert.Contains("is it Open MPI?", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void World_before_Initialize_says_how_to_start_MPI()
    {
        var e = Assert.ThrowsAny<MpiException>(() => Communicator.World);
        Assert.True(e.Message.Contains("MpiEnvironment.Initialize", StringComparison.Ordinal) || e.Message.Contains("not available", StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void Balanced_partition_gives_the_first_ranks_one_more_row_and_zero_rows_past_n()
    {
        var p = RowPartition.Balanced(7, 3);
        Assert.Equal([3L, 2, 2], Enumerable.Range(0, 3).Select(p.Count));
        Assert.Equal([0L, 3, 5], Enumerable.Range(0, 3).Select(p.Offset));
        var q = RowPartition.Balanced(2, 3);
        Assert.Equal([1L, 1, 0], Enumerable.Range(0, 3).Select(q.Count));
        Assert.Equal(2, q.Offset(2));
        Assert.Throws<ArgumentException>(() => RowPartition.FromCounts([1, -1]));
    }
}
