using Linea.Distributed;
using Linea.Distributed.Worker;

// Usage: mpirun -np N dotnet Linea.Distributed.Worker.dll SCENARIO [ARGS...]
// Exit code 0 when every check passed on this rank, 2 when one failed, 3 for an unknown scenario; a scenario that
// throws makes MpiEnvironment.Run abort the whole job.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Linea.Distributed.Worker SCENARIO [ARGS...]; scenarios: " + string.Join(", ", Scenarios.Names));
    return 3;
}
if (!Scenarios.TryGet(args[0], out var scenario))
{
    Console.Error.WriteLine($"unknown scenario '{args[0]}'; scenarios: " + string.Join(", ", Scenarios.Names));
    return 3;
}
return MpiEnvironment.Run(world =>
{
    var checks = new Checks(world);
    scenario(world, checks, args[1..]);
    world.Barrier();
    return checks.Failures == 0 ? 0 : 2;
});
