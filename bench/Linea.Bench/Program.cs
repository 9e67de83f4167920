using BenchmarkDotNet.Running;
using Linea.Bench;

// `gflops` / `gemv` / `batched` / `lapack` / `storage` / `reductions` / `sparse` / `ml` / `ooc` / `distributed` / `einsum` / `dpca` / `startup` / `halfprec` / `dtypes`: quick table runners; anything else goes to BenchmarkDotNet (e.g. --filter '*Gemm*').
if (args.Length > 0 && args[0] is "gflops" or "gemv" or "batched") return GflopsRunner.Run(args);
if (args.Length > 0 && args[0] == "lapack") return LapackRunner.Run(args);
if (args.Length > 0 && args[0] == "svdphases") return SvdPhases.Run(args);
if (args.Length > 0 && args[0] == "distributed" && DistributedTrainingRunner.Handles(args)) return DistributedTrainingRunner.Run(args);
if (args.Length > 0 && args[0] == "mathnet-spectral") return ManagedSpectral.Run(args);
if (args.Length > 0 && args[0] == "blas2") return Blas2Probe.Run(args);
if (args.Length > 0 && args[0] == "dpca") return DistributedPcaRunner.Run(args);
if (args.Length > 0 && args[0] == "spectralphases") return SpectralPhases.Run(args);
if (args.Length > 0 && args[0] == "storage") return StorageRunner.Run(args);
if (args.Length > 0 && args[0] == "reductions") return ReductionRunner.Run(args);
if (args.Length > 0 && args[0] == "ml") return MlRunner.Run(args);
if (args.Length > 0 && args[0] == "sparse") return SparseRunner.Run(args);
if (args.Length > 0 && args[0] == "stream") return StreamRunner.Run(args);
if (args.Length > 0 && args[0] == "ooc") return OutOfCoreRunner.Run(args);
if (args.Length > 0 && args[0] == "distributed") return DistributedRunner.Run(args);
if (args.Length > 0 && args[0] == "einsum") return EinsumRunner.Run(args);
if (args.Length > 0 && args[0] == "startup") return StartupRunner.Run(args);
if (args.Length > 0 && args[0] == "startup-child") return StartupChild.Run(args);
if (args.Length > 0 && args[0] == "halfprec") return HalfPrecisionRunner.Run(args);
if (args.Length > 0 && args[0] == "dtypes") return DTypesRunner.Run(args);
BenchmarkSwitcher.FromAssembly(typeof(GflopsRunner).Assembly).Run(args);
return 0;
