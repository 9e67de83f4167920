// Linea.StartupApp startup-child OP N WARM: the startup runner's first-call child (StartupChild), alone in an
// application, for bench/startup-r2r.sh.
if (args.Length == 4 && args[0] == "startup-child") return Linea.Bench.StartupChild.Run(args);
Console.Error.WriteLine("usage: Linea.StartupApp startup-child gemm|solve|svd N WARM");
return 2;
