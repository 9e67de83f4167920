namespace Linea.Distributed.Worker;

/// <summary>The last rank throws while the others wait in a collective it never joins: the job must fail, not hang.</summary>
internal static class ThrowScenario
{
    public static void Run(Communicator world, Checks checks, string[] args)
    {
        if (world.Rank == world.Size - 1)
            throw new InvalidOperationException($"deliberate failure on the last rank ({world.Rank})");
        world.Barrier();
        checks.Fail("throw", "the barrier returned although the last rank never joined it");
    }
}
