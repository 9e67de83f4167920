using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Linea.Kernels.Gemm;

namespace Linea.Bench;

/// <summary>An (m, n, k) GEMM shape; printed as m x n x k.</summary>
public readonly record struct GemmShape(int M, int N, int K)
{
    /// <summary>Flops of one product, 2 m n k.</summary>
    public double Flops => 2.0 * M * N * K;

    /// <inheritdoc/>
    public override string ToString() => $"{M}x{N}x{K}";
}

/// <summary>
/// BenchmarkDotNet suite: Linea against OpenBLAS (AVX-512 kernels where the CPU has them) in float64 and float32,
/// sequential and parallel, on square sizes and odd / non-square shapes next to the block thresholds
/// (MR = 8 or 12, NR = 24 or 32, KC = 256, MC = 192). Run with
/// <c>dotnet run -c Release --project bench/Linea.Bench -- --filter '*GemmBenchmarks*'</c>.
/// </summary>
[Config(typeof(GflopsConfig))]
public class GemmBenchmarks
{
    private double[] _a = [], _b = [], _c = [];
    private float[] _af = [], _bf = [], _cf = [];

    /// <summary>Shapes: powers of two, one off the blocks, tall-skinny and wide.</summary>
    public static IEnumerable<GemmShape> Shapes =>
    [
        new(64, 64, 64), new(256, 256, 256), new(257, 257, 257), new(511, 511, 511), new(512, 512, 512),
        new(1024, 1024, 1024), new(2000, 200, 257), new(200, 2000, 1000),
    ];

    /// <summary>The shape under test.</summary>
    [ParamsSource(nameof(Shapes))]
    public GemmShape Shape { get; set; }

    /// <summary>Thread count for both libraries.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Allocates and fills the operands, loads OpenBLAS.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var r = new Random(1);
        _a = Enumerable.Range(0, Shape.M * Shape.K).Select(_ => r.NextDouble() - 0.5).ToArray();
        _b = Enumerable.Range(0, Shape.K * Shape.N).Select(_ => r.NextDouble() - 0.5).ToArray();
        _c = new double[Shape.M * Shape.N];
        _af = _a.Select(x => (float)x).ToArray(); _bf = _b.Select(x => (float)x).ToArray(); _cf = new float[_c.Length];
        OpenBlas.Load(Environment.ProcessorCount);
    }

    /// <summary>Linea, float64.</summary>
    [Benchmark]
    public void LineaF64() => Gemm.Multiply(Shape.M, Shape.N, Shape.K, 1.0, _a, 0, Shape.K, 1, _b, 0, Shape.N, 1, 0.0, _c, 0, Shape.N, 1, new Parallelism(Threads));

    /// <summary>OpenBLAS cblas_dgemm.</summary>
    [Benchmark]
    public void OpenBlasF64() { OpenBlas.SetThreads(Threads); OpenBlas.Gemm(Shape.M, Shape.N, Shape.K, _a, _b, _c); }

    /// <summary>Linea, float32.</summary>
    [Benchmark]
    public void LineaF32() => Gemm.Multiply(Shape.M, Shape.N, Shape.K, 1f, _af, 0, Shape.K, 1, _bf, 0, Shape.N, 1, 0f, _cf, 0, Shape.N, 1, new Parallelism(Threads));

    /// <summary>OpenBLAS cblas_sgemm.</summary>
    [Benchmark]
    public void OpenBlasF32() { OpenBlas.SetThreads(Threads); OpenBlas.Gemm(Shape.M, Shape.N, Shape.K, _af, _bf, _cf); }
}

/// <summary>Adds GFLOP/s and % of FMA peak columns (113 / 221 GFLOP/s per core in float64 / float32).</summary>
public sealed class GflopsConfig : ManualConfig
{
    /// <summary>The default job plus the two columns.</summary>
    public GflopsConfig()
    {
        AddColumn(new GflopsColumn(false), new GflopsColumn(true));
    }

    private sealed class GflopsColumn(bool percent) : IColumn
    {
        public string Id => percent ? "PctPeak" : "Gflops";
        public string ColumnName => percent ? "% peak" : "GFLOP/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => percent ? 1 : 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => percent ? "GFLOP/s as a percentage of the FMA peak of the threads used" : "2 m n k / mean time";
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is not { } stats) return "na";
            var shape = (GemmShape)benchmarkCase.Parameters["Shape"];
            int threads = (int)benchmarkCase.Parameters["Threads"];
            double gflops = shape.Flops / stats.Mean; // Mean is in nanoseconds: flops / ns = GFLOP/s
            if (!percent) return gflops.ToString("F1");
            double peak = (benchmarkCase.Descriptor.WorkloadMethod.Name.EndsWith("F64") ? 113.0 : 221.0) * threads;
            return (100 * gflops / peak).ToString("F1");
        }
    }
}
