using System.Numerics;
using Linea.Kernels;
using Linea.Ops;

namespace Linea;

public sealed partial class NDArray<TScalar>
{
    internal bool[] ReducedAxes(string op, int[]? axes)
    {
        var reduced = new bool[Rank];
        if (axes is null) { Array.Fill(reduced, true); return reduced; }
        foreach (int a0 in axes)
        {
            int a = Linea.Shape.NormalizeAxis(op, a0, Rank);
            if (reduced[a]) ThrowHelper.Argument(op, nameof(axes), $"axis {a0} is repeated in ({string.Join(", ", axes)})");
            reduced[a] = true;
        }
        return reduced;
    }

    internal long ReducedCount(string op, int[]? axes)
    {
        var reduced = ReducedAxes(op, axes);
        long n = 1;
        for (int i = 0; i < Rank; i++) if (reduced[i]) n *= Dims[i];
        return n;
    }

    internal NDArray<TScalar> Reduce<TOp>(string op, int[]? axes, bool keepDims, bool hasIdentity)
        where TOp : IReduceOp<TScalar>
    {
        if (HalfPrecision.IsHalfType<TScalar>()) return HalfPrecision.Reduce<TScalar, TOp>(this, op, axes, keepDims);
        var reduced = ReducedAxes(op, axes);
        var outDims = new long[Rank];
        var kept = new List<long>(Rank);
        for (int i = 0; i < Rank; i++)
        {
            outDims[i] = reduced[i] ? 1 : Dims[i];
            if (reduced[i] && Dims[i] == 0 && !hasIdentity)
                throw new InvalidOperationException($"{op}: cannot reduce the empty axis {i} of shape {Shape}; {op} has no identity");
            if (!reduced[i]) kept.Add(Dims[i]);
        }
        var result = new NDArray<TScalar>(outDims);
        result.Fill(TOp.Identity);
        // Leading axes reduced over a contiguous tensor (column sums, means over a batch): blocked pairwise over the rows.
        int lead = 0;
        while (lead < Rank && reduced[lead]) lead++;
        bool prefixOnly = lead > 0 && lead < Rank && Array.IndexOf(reduced, true, lead) < 0;
        if (prefixOnly && IsContiguous && Size > 0)
        {
            long rows = Linea.Shape.ComputeSize(Dims.AsSpan(0, lead)), k = Linea.Shape.ComputeSize(Dims.AsSpan(lead));
            if (k <= int.MaxValue)
            {
                OuterReduce.Run<TScalar, TOp>(Store, Offset, rows, (int)k, result.WritableSpan);
                GC.KeepAlive(Store);
                return keepDims ? result : result.Reshape(kept.ToArray());
            }
        }
        var outStrides = new long[Rank];
        for (int i = 0; i < Rank; i++) outStrides[i] = reduced[i] ? 0 : result.StrideArray[i];
        var kernel = new ReduceKernel<TScalar, TOp>(ref Store.Reference, ref result.Store.Reference);
        StridedLoop.Run(Dims, Offset, StrideArray, 0, outStrides, ref kernel);
        Elementwise.KeepStorageAlive(this, this, result);
        return keepDims ? result : result.Reshape(kept.ToArray());
    }
}

public static partial class NDArrayExtensions
{
    /// <summary>Reductions of floating-point tensors: sums, products, extremes and moments.</summary>
    /// <param name="a">The tensor reduced.</param>
    extension<T>(NDArray<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The sum of all elements (0 for an empty tensor).</summary>
        public T Sum() => a.Reduce<SumReduce<T>>("sum", null, false, true).Item();
        /// <summary>Sums along <paramref name="axis"/>; with <paramref name="keepDims"/> the axis stays with length 1.</summary>
        public NDArray<T> Sum(int axis, bool keepDims = false) => a.Reduce<SumReduce<T>>("sum", [axis], keepDims, true);
        /// <summary>Sums along several axes at once.</summary>
        public NDArray<T> Sum(int[] axes, bool keepDims = false) => a.Reduce<SumReduce<T>>("sum", axes, keepDims, true);

        /// <summary>The product of all elements (1 for an empty tensor).</summary>
        public T Prod() => a.Reduce<ProdReduce<T>>("prod", null, false, true).Item();
        /// <summary>Products along <paramref name="axis"/>.</summary>
        public NDArray<T> Prod(int axis, bool keepDims = false) => a.Reduce<ProdReduce<T>>("prod", [axis], keepDims, true);
        /// <summary>Products along several axes.</summary>
        public NDArray<T> Prod(int[] axes, bool keepDims = false) => a.Reduce<ProdReduce<T>>("prod", axes, keepDims, true);

        /// <summary>The largest element; NaN if any element is NaN.</summary>
        /// <exception cref="InvalidOperationException">The tensor is empty.</exception>
        public T Max() => a.Reduce<MaxReduce<T>>("max", null, false, false).Item();
        /// <summary>Maxima along <paramref name="axis"/>.</summary>
        public NDArray<T> Max(int axis, bool keepDims = false) => a.Reduce<MaxReduce<T>>("max", [axis], keepDims, false);
        /// <summary>Maxima along several axes.</summary>
        public NDArray<T> Max(int[] axes, bool keepDims = false) => a.Reduce<MaxReduce<T>>("max", axes, keepDims, false);

        /// <summary>The smallest element; NaN if any element is NaN.</summary>
        /// <exception cref="InvalidOperationException">The tensor is empty.</exception>
        public T Min() => a.Reduce<MinReduce<T>>("min", null, false, false).Item();
        /// <summary>Minima along <paramref name="axis"/>.</summary>
        public NDArray<T> Min(int axis, bool keepDims = false) => a.Reduce<MinReduce<T>>("min", [axis], keepDims, false);
        /// <summary>Minima along several axes.</summary>
        public NDArray<T> Min(int[] axes, bool keepDims = false) => a.Reduce<MinReduce<T>>("min", axes, keepDims, false);

        /// <summary>The arithmetic mean of all elements (NaN for an empty tensor, as NumPy).</summary>
        public T Mean() => a.Mean(null, false).Item();
        /// <summary>Means along <paramref name="axis"/>.</summary>
        public NDArray<T> Mean(int axis, bool keepDims = false) => a.Mean([axis], keepDims);
        /// <summary>Means along several axes (all when null).</summary>
        public NDArray<T> Mean(int[]? axes, bool keepDims = false)
        {
            if (HalfPrecision.IsHalfType<T>()) return HalfPrecision.Mean(a, axes, keepDims);
            var sum = a.Reduce<SumReduce<T>>("mean", axes, keepDims, true);
            return sum / T.CreateTruncating(a.ReducedCount("mean", axes));
        }

        /// <summary>
        /// The population variance of all elements, sum((x - mean)^2) / N. For the sample variance (ddof = 1) of all
        /// elements write <c>Var(null, ddof: 1).Item()</c>; an integer argument alone means an axis, as in NumPy.
        /// Two passes, so no catastrophic cancellation.
        /// </summary>
        public T Var() => a.Var(null, 0, false).Item();
        /// <summary>Variances along <paramref name="axis"/>.</summary>
        public NDArray<T> Var(int axis, int ddof = 0, bool keepDims = false) => a.Var([axis], ddof, keepDims);
        /// <summary>
        /// Variances sum((x - mean)^2) / (N - <paramref name="ddof"/>) along several axes (all when null, giving a 0-d
        /// tensor); ddof = 1 is the unbiased sample variance. NaN where N - ddof &lt;= 0. Two passes (the mean, then the
        /// squared deviations); on a contiguous tensor reduced over its leading or its trailing axes (column or row
        /// statistics, or all elements) the second pass allocates only the result, otherwise it forms x - mean.
        /// </summary>
        public NDArray<T> Var(int[]? axes, int ddof = 0, bool keepDims = false)
        {
            HalfPrecision.RequireComputable<T>("var");
            if (ddof < 0) ThrowHelper.Argument("var", nameof(ddof), $"ddof must be non-negative, got {ddof}");
            var mean = a.Mean(axes, keepDims: true);
            var reduced = a.ReducedAxes("var", axes);
            var ss = SquaredDeviations.TrySum(a, mean, reduced, keepDims);
            if (ss is null)
            {
                var d = a - mean;
                ss = (d * d).Reduce<SumReduce<T>>("var", axes, keepDims, true);
            }
            long dof = a.ReducedCount("var", axes) - ddof;
            return dof > 0 ? ss / T.CreateTruncating(dof) : NDArray.Full(ss.Shape.ToArray(), T.NaN);
        }

        /// <summary>The population standard deviation of all elements, the square root of <c>Var()</c>.</summary>
        public T Std() => T.Sqrt(a.Var());
        /// <summary>Standard deviations along <paramref name="axis"/>.</summary>
        public NDArray<T> Std(int axis, int ddof = 0, bool keepDims = false) => NDArray.Sqrt(a.Var(axis, ddof, keepDims));
        /// <summary>Standard deviations along several axes (all when null).</summary>
        public NDArray<T> Std(int[]? axes, int ddof = 0, bool keepDims = false) => NDArray.Sqrt(a.Var(axes, ddof, keepDims));
    }
}
