using Linea.IO;
using Linea.Kernels;
using Linea.Kernels.Gemm;
using Linea.Numerics;

namespace Linea.Tests.Core;

/// <summary>
/// float16 and bfloat16 storage (#20 item 8): conversions against hand-computed bit patterns, storage and views,
/// printing and .npy against NumPy, matmul against a float64 product of the widened operands within k·eps32·|A||B|,
/// the float32 element-wise operations and reductions, and the errors of everything else.
/// </summary>
public class HalfPrecisionTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "npy", name);
    private static ushort Bits(Half h) => BitConverter.HalfToUInt16Bits(h);
    private static float F(uint bits) => BitConverter.UInt32BitsToSingle(bits);

    // ---- conversions ---------------------------------------------------------------------------------------------

    [Fact]
    public void ToHalf_rounds_to_nearest_even()
    {
        float[] x = [1, 1 + MathF.Pow(2, -11), 1 + 3 * MathF.Pow(2, -11), 1 + MathF.Pow(2, -11) + MathF.Pow(2, -20),
            65504, 65519, 65520, MathF.Pow(2, -24), MathF.Pow(2, -25), 3 * MathF.Pow(2, -25), -0f, float.NegativeInfinity, float.NaN];
        ushort[] expected = [0x3C00, 0x3C00, 0x3C02, 0x3C01, 0x7BFF, 0x7BFF, 0x7C00, 0x0001, 0x0000, 0x0002, 0x8000, 0xFC00];
        var h = NDArray.FromArray(x).ToHalf().ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], Bits(h[i]));
        Assert.True(Half.IsNaN(h[^1]));
        // and back: exact
        var back = NDArray.FromArray(h).ToSingle().ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal((float)BitConverter.UInt16BitsToHalf(expected[i]), back[i]);
    }

    [Fact]
    public void ToBFloat16_rounds_to_nearest_even_on_the_vector_path_too()
    {
        // 40 elements, so the hand-checked values pass through the Vector512 (32) and scalar parts alike.
        uint[] bits = [0x3F80_8000, 0x3F81_8000, 0x3F80_8001, 0x7F7F_8000, 0x0000_8000, 0x0001_8000, 0x7F80_0001, 0x8000_0000];
        ushort[] expected = [0x3F80, 0x3F82, 0x3F81, 0x7F80, 0x0000, 0x0002, 0x7FC0, 0x8000];
        var x = new float[40];
        for (int i = 0; i < x.Length; i++) x[i] = F(bits[i % bits.Length]);
        var bt = NDArray.FromArray(x).ToBFloat16();
        var b = bt.ToArray();
        for (int i = 0; i < x.Length; i++) Assert.Equal(expected[i % bits.Length], b[i].RawValue);
        var back = bt.ToSingle().ToArray();
        for (int i = 0; i < x.Length; i++) Assert.Equal((uint)expected[i % bits.Length] << 16, BitConverter.SingleToUInt32Bits(back[i]));
    }

    [Fact]
    public void Conversions_read_strided_views_and_keep_the_shape()
    {
        var a = NDArray.Arange(0f, 24f, 1f).Reshape(2, 3, 4);
        var view = a.Transpose(2, 0, 1)[Slice.Step(-2)]; // shape (2, 2, 3), negative and non-unit strides
        var h = view.ToHalf();
        var bf = view.ToBFloat16();
        Assert.Equal(view.Shape, h.Shape);
        Assert.True(h.IsContiguous);
        Assert.Equal(view.ToArray(), h.ToSingle().ToArray()); // small integers are exact in both types
        Assert.Equal(view.ToArray(), bf.ToSingle().ToArray());
        Assert.Equal(view.ToArray(), h.ToBFloat16().ToSingle().ToArray());
        Assert.Equal(view.ToArray(), bf.ToHalf().ToSingle().ToArray());
        Assert.Equal(new Shape(0, 3), NDArray.Zeros<float>(0, 3).ToBFloat16().Shape);
    }

    // ---- storage, views, printing, .npy ----------------------------------------------------------------------------

    [Fact]
    public void Half_and_BFloat16_tensors_have_storage_views_and_equality()
    {
        var h = NDArray.FromArray(new[,] { { (Half)1, (Half)2, (Half)3 }, { (Half)4, (Half)5, (Half)6 } });
        Assert.Equal((Half)6, h[1, 2]);
        Assert.Equal([(Half)3, (Half)6], h[.., 2].ToArray());
        Assert.Equal([(Half)1, (Half)4, (Half)2, (Half)5, (Half)3, (Half)6], h.T.Copy().ToArray());
        h[0, 0] = (Half)(-1);
        Assert.Equal((Half)(-1), h[0, 0]);
        var z = NDArray.Zeros<BFloat16>(2, 2);
        z[.., 1] = NDArray.Full([2L], BFloat16.One);
        Assert.Equal([0f, 1f, 0f, 1f], z.ToSingle().ToArray());
        Assert.Equal(NDArray.Eye<float>(2).ToBFloat16(), NDArray.FromArray(new[,] { { BFloat16.One, BFloat16.Zero }, { BFloat16.Zero, BFloat16.One } }));
    }

    [Theory]
    [InlineData(new float[] { 0.1f, 1, 2.5f }, "[0.1 1.  2.5]")] // NumPy 1.24: str(np.array([0.1, 1, 2.5], np.float16))
    [InlineData(new float[] { 1f / 3, 65504 }, "[3.333e-01 6.550e+04]")]
    public void Float16_prints_as_NumPy_prints_it(float[] values, string numpy) =>
        Assert.Equal(numpy, NDArray.FromArray(values).ToHalf().ToString());

    [Fact]
    public void BFloat16_prints_its_shortest_digits() =>
        Assert.Equal("[ 0.1 1.01 -inf  nan]", NDArray.FromArray(new[] { 0.1f, 1.0078125f, float.NegativeInfinity, float.NaN }).ToBFloat16().ToString());

    [Fact]
    public void Npy_reads_and_writes_float16_as_numpy()
    {
        // make_half_fixtures.py: [[1, 0.1, -2.5], [65504, 2**-24, inf]] as float16 (0x3C00 0x2E66 0xC100 0x7BFF 0x0001 0x7C00).
        ushort[] bits = [0x3C00, 0x2E66, 0xC100, 0x7BFF, 0x0001, 0x7C00];
        var h = Npy.Load<Half>(Fixture("f2_2x3.npy"));
        Assert.Equal(new Shape(2, 3), h.Shape);
        Assert.Equal(bits, h.ToArray().Select(Bits).ToArray());
        Assert.Equal(bits, Npy.Load<Half>(Fixture("f2_as_f4_2x3.npy")).ToArray().Select(Bits).ToArray()); // '<f4' rounded to float16
        Assert.Equal(h.ToSingle().ToArray(), Npy.Load<float>(Fixture("f2_2x3.npy")).ToArray()); // '<f2' widened exactly
        var stream = new MemoryStream();
        Npy.Save(stream, h);
        Assert.Equal(File.ReadAllBytes(Fixture("f2_2x3.npy")), stream.ToArray()); // byte for byte what np.save wrote
        using var mapped = Npy.Load<Half>(Fixture("f2_2x3.npy"), MmapMode.ReadOnly);
        Assert.Equal((Half)(-2.5), mapped[0, 2]);
    }

    // ---- matmul ----------------------------------------------------------------------------------------------------

    /// <summary>Random values in [-1, 1), already rounded to the storage type (so the float64 reference sees exactly the stored operands).</summary>
    private static NDArray<float> Operand(long[] shape, int seed) => NDArray.Uniform(shape.Select(d => (int)d).ToArray(), -1f, 1f, (ulong)seed);

    /// <summary>
    /// |C - A @ B| &lt;= 2 k u (|A| @ |B|) element by element, u = 2^-24, A @ B and |A| @ |B| in float64 from the
    /// float32 operands (the float32 FMA sum of k products errs by at most about k u of the absolute sum).
    /// </summary>
    private static void AssertProduct(NDArray<float> c, NDArray<float> a, NDArray<float> b)
    {
        var ad = a.Contiguous(); var bd = b.Contiguous();
        long m = a.Shape[^2], k = a.Shape[^1], n = b.Shape[^1];
        Assert.Equal(new Shape(m, n), c.Shape);
        var A = ad.ToArray(); var B = bd.ToArray(); var C = c.ToArray();
        double u = Math.ScaleB(1.0, -24);
        for (long i = 0; i < m; i++)
            for (long j = 0; j < n; j++)
            {
                double s = 0, abs = 0;
                for (long p = 0; p < k; p++)
                {
                    double t = (double)A[i * k + p] * B[p * n + j];
                    s += t; abs += Math.Abs(t);
                }
                Assert.True(Math.Abs(C[i * n + j] - s) <= 2 * k * u * abs,
                    $"C[{i}, {j}] = {C[i * n + j]}, float64 reference {s}, bound {2 * k * u * abs} (m={m}, n={n}, k={k})");
            }
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 7)]
    [InlineData(13, 33, 17)]
    [InlineData(33, 31, 65)]
    [InlineData(200, 70, 45)]   // more rows than one MC block
    [InlineData(20, 40, 600)]   // a k longer than one KC block: the second block accumulates with beta = 1
    [InlineData(64, 130, 128)]
    public void MatMul_of_16_bit_operands_is_the_float32_product_of_the_widened_operands(int m, int n, int k)
    {
        var a32 = Operand([m, k], m * 1000 + k);
        var b32 = Operand([k, n], n * 1000 + k + 1);
        var (ah, bh) = (a32.ToHalf(), b32.ToHalf());
        AssertProduct(NDArray.MatMul(ah, bh), ah.ToSingle(), bh.ToSingle());
        AssertProduct(ah.MatMul(bh), ah.ToSingle(), bh.ToSingle());
        var (ab, bb) = (a32.ToBFloat16(), b32.ToBFloat16());
        AssertProduct(NDArray.MatMul(ab, bb), ab.ToSingle(), bb.ToSingle());
        AssertProduct(ab.MatMul(bb), ab.ToSingle(), bb.ToSingle());
        AssertProduct(NDArray.MatMul(a32, bh), a32, bh.ToSingle());
        AssertProduct(NDArray.MatMul(a32, bb), a32, bb.ToSingle());
        // Against the float32 GEMM of the converted operands: each errs by at most k u |A||B|, so they differ by at most
        // k eps32 |A||B| (eps32 = 2u = 2^-23).
        AssertClose(NDArray.MatMul(ah, bh), ah.ToSingle().MatMul(bh.ToSingle()), ah.ToSingle(), bh.ToSingle());
        AssertClose(NDArray.MatMul(ab, bb), ab.ToSingle().MatMul(bb.ToSingle()), ab.ToSingle(), bb.ToSingle());
    }

    private static void AssertClose(NDArray<float> c, NDArray<float> reference, NDArray<float> a, NDArray<float> b)
    {
        var bound = NDArray.Abs(a).MatMul(NDArray.Abs(b)).ToArray();
        var (x, y) = (c.ToArray(), reference.ToArray());
        float k = a.Shape[^1], eps32 = MathF.Pow(2, -23);
        for (int i = 0; i < x.Length; i++)
            Assert.True(Math.Abs(x[i] - y[i]) <= k * eps32 * bound[i] * (1 + 1e-5), $"element {i}: {x[i]} vs float32 GEMM {y[i]}, bound {k * eps32 * bound[i]}");
    }

    [Fact]
    public void MatMul_reads_transposed_and_strided_views()
    {
        var a = Operand([40, 90], 1).ToBFloat16();
        var w = Operand([50, 90], 2).ToBFloat16();
        AssertProduct(a.MatMul(w.T), a.ToSingle(), w.ToSingle().T);                 // x @ W.T: B's columns contiguous
        AssertProduct(w.T.MatMul(w), w.ToSingle().T, w.ToSingle());                 // A^T: A's columns contiguous
        var s = a[Slice.Step(2), Slice.Step(-3)];                                   // general strides, one negative
        var t = Operand([30, 7], 3).ToHalf();
        AssertProduct(NDArray.MatMul(s.ToSingle().ToHalf(), t), s.ToSingle().ToHalf().ToSingle(), t.ToSingle());
        var sh = a.ToSingle().ToHalf()[Slice.Step(2), Slice.Step(-3)];
        AssertProduct(sh.MatMul(t), sh.ToSingle(), t.ToSingle());
    }

    [Fact]
    public void MatMul_is_exact_on_small_integers()
    {
        // Integers up to 8 are exact in both 16-bit types and their sums of products stay far below 2^24.
        var a = NDArray.Arange(0f, 12f, 1f).Reshape(3, 4) - 4f;
        var b = NDArray.Arange(0f, 8f, 1f).Reshape(4, 2);
        var exact = a.MatMul(b);
        Assert.Equal(exact.ToArray(), a.ToHalf().MatMul(b.ToHalf()).ToArray());
        Assert.Equal(exact.ToArray(), a.ToBFloat16().MatMul(b.ToBFloat16()).ToArray());
        Assert.Equal(new[] { -20f, -30f }, NDArray.MatMul(a.ToHalf()[0, ..], b.ToHalf()).ToArray()); // vector @ matrix
        Assert.Equal(exact[.., 0].ToArray(), NDArray.MatMul(a.ToHalf(), b.ToHalf()[.., 0]).ToArray()); // matrix @ vector
        Assert.Equal(68f, NDArray.MatMul(b.ToBFloat16()[.., 0], b.ToBFloat16()[.., 1]).Item()); // 0*1 + 2*3 + 4*5 + 6*7
    }

    [Fact]
    public void MatMul_broadcasts_batches_and_checks_shapes()
    {
        var a = Operand([2, 1, 5, 6], 4).ToHalf();
        var b = Operand([3, 6, 4], 5).ToHalf();
        var c = NDArray.MatMul(a, b);
        Assert.Equal(new Shape(2, 3, 5, 4), c.Shape);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                AssertProduct(c[i, j, .., ..], a[i, 0, .., ..].ToSingle(), b[j, .., ..].ToSingle());
        var e = Assert.Throws<ShapeMismatchException>(() => NDArray.MatMul(Operand([4, 3], 1).ToHalf(), Operand([4, 3], 2).ToHalf()));
        Assert.Contains("matmul: (4, 3) @ (4, 3): inner dimensions 3 and 4 differ", e.Message);
        Assert.Contains("did you mean B.T?", e.Message);
        Assert.Throws<ShapeMismatchException>(() => NDArray.MatMul(Operand([2, 4, 3], 1).ToHalf(), Operand([3, 3, 2], 2).ToHalf()));
        Assert.Throws<ArgumentException>(() => NDArray.MatMul(NDArray.Scalar((Half)1), Operand([2, 2], 1).ToHalf()));
        Assert.Equal(new Shape(3, 0), NDArray.MatMul(NDArray.Zeros<Half>(3, 5), NDArray.Zeros<Half>(5, 0)).Shape);
        Assert.Equal(new float[6], NDArray.MatMul(NDArray.Zeros<Half>(2, 0), NDArray.Zeros<Half>(0, 3)).ToArray()); // k = 0: zeros
    }

    [Theory]
    [InlineData("Reference")]
    [InlineData("Avx2")]
    [InlineData("Avx512")]
    [InlineData("Avx512Tall")]
    public void Every_microkernel_runs_the_mixed_precision_product(string kernel)
    {
        var kind = Enum.Parse<MicroKernelKind>(kernel);
        if (!BlockSizes.IsSupported(kind)) return; // the portable Reference kernel runs everywhere
        var a = Operand([37, 530], 6).ToHalf();
        var b = Operand([530, 45], 7).ToBFloat16();
        var c = NDArray.Zeros<float>(37, 45);
        MixedPrecisionGemm.Multiply(
            new MatrixView<Half>(ref a.Store.At(0), 37, 530, 530, 1),
            new MatrixView<BFloat16>(ref b.Store.At(0), 530, 45, 1, 530), // read as (B^T)^T: column-major
            new MatrixView<float>(ref c.Store.At(0), 37, 45, 45, 1), Parallelism.Default, new GemmParams { Kernel = kind });
        var bT = NDArray.FromArray(b.ToSingle().ToArray(), 45, 530).T; // the same memory read column-major
        AssertProduct(c, a.ToSingle(), bT);
    }

    [Theory]
    [InlineData(100, 150, 70)]  // rows split between the threads
    [InlineData(12, 1000, 80)]  // one row panel: the threads split the column panels
    [InlineData(1, 300, 50)]
    [InlineData(300, 1, 50)]
    public void Shrunk_blocks_and_two_threads_run_every_loop(int m, int n, int k)
    {
        // MC = 24, KC = 16, NC = 64: several blocks on every loop, and a k % 16 tail in the chunked A panels.
        var a = Operand([m, k], 20 + m).ToBFloat16();
        var b = Operand([k, n], 21 + n).ToHalf();
        var c = NDArray.Zeros<float>(m, n);
        MixedPrecisionGemm.Multiply(
            new MatrixView<BFloat16>(ref a.Store.At(0), m, k, k, 1),
            new MatrixView<Half>(ref b.Store.At(0), k, n, n, 1),
            new MatrixView<float>(ref c.Store.At(0), m, n, n, 1), new Parallelism(2),
            new GemmParams { MC = 24, KC = 16, NC = 64, ParallelThreshold = 0 });
        AssertProduct(c, a.ToSingle(), b.ToSingle());
    }

    // ---- element-wise and reductions -------------------------------------------------------------------------------

    [Fact]
    public void Elementwise_arithmetic_computes_in_float32_and_rounds_once()
    {
        var one = NDArray.FromArray([(Half)1, (Half)1]);
        var tiny = NDArray.FromArray([(Half)MathF.Pow(2, -11), (Half)(3 * MathF.Pow(2, -11))]);
        Assert.Equal([(ushort)0x3C00, (ushort)0x3C02], (one + tiny).ToArray().Select(Bits).ToArray()); // ties to even
        Assert.Equal([(Half)(-1), (Half)(-1)], (-one).ToArray());
        var a = Operand([3, 4], 8).ToHalf();
        var b = Operand([4], 9).ToHalf();
        Assert.Equal((a.ToSingle() * b.ToSingle()).ToHalf().ToArray(), (a * b).ToArray()); // broadcast, one rounding
        Assert.Equal((a.ToSingle() - b.ToSingle()).ToHalf().ToArray(), (a - b).ToArray());
        Assert.Equal((a.ToSingle() + 2f).ToHalf().ToArray(), (a + (Half)2).ToArray());
        Assert.Equal((3f * a.ToSingle()).ToHalf().ToArray(), ((Half)3 * a).ToArray());
        Assert.Equal(NDArray.Relu(a.ToSingle()).ToHalf().ToArray(), NDArray.Relu(a).ToArray());

        var x = NDArray.FromArray([1f, 1f]).ToBFloat16();
        var y = NDArray.FromArray([MathF.Pow(2, -8), 3 * MathF.Pow(2, -8)]).ToBFloat16();
        Assert.Equal([(ushort)0x3F80, (ushort)0x3F82], (x + y).ToArray().Select(v => v.RawValue).ToArray());
        var p = Operand([3, 4], 10).ToBFloat16();
        var q = Operand([3, 1], 11).ToBFloat16();
        Assert.Equal((p.ToSingle() * q.ToSingle()).ToBFloat16().ToArray(), (p * q).ToArray());
        Assert.Equal((p.ToSingle() - q.ToSingle()).ToBFloat16().ToArray(), (p - q).ToArray());
        Assert.Equal((-p.ToSingle()).ToBFloat16().ToArray(), (-p).ToArray());
        Assert.Equal(NDArray.Relu(p.ToSingle()).ToBFloat16().ToArray(), NDArray.Relu(p).ToArray());
    }

    [Fact]
    public void Sums_and_means_accumulate_in_float32()
    {
        // 100,000 ones: the sum overflows float16 (max 65504) but the mean is exactly 1; bfloat16 has the range.
        var ones = NDArray.Full([100_000L], (Half)1);
        Assert.True(Half.IsPositiveInfinity(ones.Sum()));
        Assert.Equal((Half)1, ones.Mean());
        var b1 = NDArray.Full([100_000L], BFloat16.One);
        Assert.Equal(((BFloat16)100_000f).RawValue, b1.Sum().RawValue); // float32 holds 100000 exactly; one rounding to 99840
        Assert.Equal(BFloat16.One, b1.Mean());
        // A float16 running sum would stop at 2048 (2048 + 1 rounds back to 2048); the float32 sum of 4096 ones is 4096.
        Assert.Equal((Half)4096, NDArray.Full([4096L], (Half)1).Sum());
        var a = Operand([5, 6], 12);
        var h = a.ToHalf();
        var bf = a.ToBFloat16();
        Assert.Equal(h.ToSingle().Sum(0).ToHalf().ToArray(), h.Sum(0).ToArray());
        Assert.Equal(h.ToSingle().Mean(1, keepDims: true).ToHalf().ToArray(), h.Mean(1, keepDims: true).ToArray());
        Assert.Equal(h.ToSingle().Max(), (float)h.Max());
        Assert.Equal(h.ToSingle().Min(), (float)h.Min());
        Assert.Equal(bf.ToSingle().Sum(1).ToBFloat16().ToArray(), bf.Sum(1).ToArray());
        Assert.Equal(bf.ToSingle().Mean(0).ToBFloat16().ToArray(), bf.Mean(0).ToArray());
        Assert.Equal(bf.ToSingle().Max(), (float)bf.Max());
        Assert.Equal(bf.ToSingle().Min(), (float)bf.Min());
    }

    // ---- everything else names itself and the dtype ----------------------------------------------------------------

    [Fact]
    public void Other_operations_on_float16_name_the_operation_and_the_dtype()
    {
        var h = NDArray.FromArray(new[,] { { (Half)2, (Half)1 }, { (Half)1, (Half)3 } });
        static void Refused(string op, Action run)
        {
            var e = Assert.Throws<NotSupportedException>(run);
            Assert.StartsWith($"{op}: float16 arrays are storage-only; convert with ToSingle() first", e.Message);
        }
        Refused("svd", () => global::Linea.Linalg.Svd(h));
        Refused("svdvals", () => global::Linea.Linalg.Svdvals(h));
        Refused("inv", () => global::Linea.Linalg.Inv(h));
        Refused("det", () => global::Linea.Linalg.Det(h));
        Refused("solve", () => global::Linea.Linalg.Solve(h, h));
        Refused("cholesky", () => global::Linea.Linalg.Cholesky(h));
        Refused("eigh", () => global::Linea.Linalg.Eigh(h));
        Refused("qr", () => global::Linea.Linalg.Qr(h));
        Refused("divide", () => _ = h / h);
        Refused("exp", () => NDArray.Exp(h));
        Refused("sqrt", () => NDArray.Sqrt(h));
        Refused("tanh", () => NDArray.Tanh(h));
        Refused("prod", () => h.Prod());
        Refused("dot", () => NDArray.Dot(h[0, ..], h[1, ..]));
        Refused("arange", () => NDArray.Arange((Half)3));
        Refused("einsum", () => NDArray.Einsum("ij,jk->ik", h, h));
        Refused("tensordot", () => NDArray.Tensordot(h, h, 1));
        Refused("inner", () => NDArray.Inner(h, h));
        Refused("clip", () => NDArray.Clip(h, (Half)0, (Half)1));
        Refused("softmax", () => NDArray.Softmax(h));
        Refused("log_softmax", () => NDArray.LogSoftmax(h));
        Refused("var", () => h.Var());
        Refused("var", () => h.Std(0));
        Refused("norm", () => global::Linea.Linalg.Norm(h));
        Refused("norm", () => global::Linea.Linalg.Norm(h, "fro", (0, 1)));
        Refused("pinv", () => global::Linea.Linalg.Pinv(h));
        Refused("lstsq", () => global::Linea.Linalg.Lstsq(h, h));
        Refused("eig", () => global::Linea.Linalg.Eig(h));
        Refused("lu", () => global::Linea.Linalg.Lu(h));
        Refused("maximum", () => NDArray.Maximum(h, h));
        // comparisons need no arithmetic: float16 compares as IEEE, giving bool arrays as NumPy does
        Assert.Equal(new[] { false, true, true, false }, NDArray.Less(h, (Half)2).ToArray());
        Refused("pow", () => NDArray.Pow(h, (Half)2));
        Refused("sigmoid", () => NDArray.Sigmoid(h));
        var e = Assert.Throws<NotSupportedException>(() => NDArray.MatMul<Half>(h, h)); // the generic method, as generic code reaches it
        Assert.StartsWith("matmul", e.Message);
        Assert.Contains("float16", e.Message);
    }
}
