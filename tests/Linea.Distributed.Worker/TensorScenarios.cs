using Linea;

namespace Linea.Distributed.Worker;

/// <summary>The tensor overloads: row blocks of uneven sizes (a rank with zero rows when rows &lt; ranks), shapes, sends.</summary>
internal static class TensorScenarios
{
    public static void Run(Communicator world, Checks checks, string[] args)
    {
        int p = world.Size, r = world.Rank;

        // A 7 x 3 matrix M[i, j] = 10 i + j, scattered from rank 0 (balanced: counts differ by at most one).
        const int n = 7;
        NDArray<double>? whole = r == 0 ? Whole(n) : null;
        NDArray<double> block = world.ScatterRows(whole, 0);
        var part = RowPartition.Balanced(n, p);
        checks.Equal("scatter_rows.shape", $"({part.Count(r)}, 3)", block.Shape.ToString());
        checks.Sequence<double>("scatter_rows.values", Whole(n).ToArray().AsSpan((int)(3 * part.Offset(r)), (int)(3 * part.Count(r))), block.ToArray());

        NDArray<double> back = world.AllgatherRows(block);
        checks.Sequence<double>("allgather_rows", Whole(n).ToArray(), back.ToArray());
        checks.Equal("allgather_rows.shape", "(7, 3)", back.Shape.ToString());

        // Rows fewer than ranks: rank 0 owns 1 row and the others none (explicit partition), then gathered to the last rank.
        var skewed = RowPartition.FromCounts([1, .. Enumerable.Repeat(0L, p - 1)]);
        NDArray<double> tiny = world.ScatterRows(r == 0 ? Whole(1) : null, 0, skewed);
        checks.Equal("scatter_rows.zero_rows", r == 0 ? 1L : 0L, tiny.Shape[0]);
        NDArray<double>? g = world.GatherRows(tiny, p - 1);
        if (r == p - 1) checks.Sequence<double>("gather_rows.zero_rows", Whole(1).ToArray(), g!.ToArray());
        else checks.True("gather_rows.null_off_root", g is null);

        // Allreduce and Reduce of a (2, 2) float tensor holding r + 1 everywhere.
        var t = NDArray.Full([2, 2], (float)(r + 1));
        NDArray<float> s = world.Allreduce(t, ReductionOp.Sum);
        checks.Sequence<float>("allreduce.tensor", Enumerable.Repeat(p * (p + 1) / 2f, 4).ToArray(), s.ToArray());
        NDArray<float>? m = world.Reduce(t, ReductionOp.Max, 0);
        if (r == 0) checks.Sequence<float>("reduce.tensor", Enumerable.Repeat((float)p, 4).ToArray(), m!.ToArray());

        // BroadcastTensor carries the shape; in-place Broadcast into a tensor of that shape.
        NDArray<double> bt = world.BroadcastTensor(r == 1 % p ? Whole(3).T : null, 1 % p);
        checks.Equal("broadcast_tensor.shape", "(3, 3)", bt.Shape.ToString());
        checks.Sequence<double>("broadcast_tensor.values", Whole(3).T.Contiguous().ToArray(), bt.ToArray());
        var inPlace = r == 0 ? Whole(2) : NDArray.Zeros<double>(2, 3);
        world.Broadcast(inPlace, 0);
        checks.Sequence<double>("broadcast.tensor_in_place", Whole(2).ToArray(), inPlace.ToArray());

        // A tensor sent from rank 0 to the last rank, shape included.
        if (p > 1)
        {
            if (r == 0) world.Send(Whole(4)[1..3], p - 1, tag: 5);
            if (r == p - 1)
            {
                NDArray<double> got = world.ReceiveTensor<double>(0, tag: 5);
                checks.Equal("send.tensor.shape", "(2, 3)", got.Shape.ToString());
                checks.Sequence<double>("send.tensor.values", Whole(4)[1..3].ToArray(), got.ToArray());
            }
        }
    }

    internal static NDArray<double> Whole(int rows)
    {
        var m = NDArray.Zeros<double>(rows, 3);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < 3; j++) m[i, j] = 10 * i + j;
        return m;
    }
}
