namespace Linea.Distributed.Worker;
internal static class PageRankScenarios { public static void Run(Communicator world, Checks checks, string[] args) { } }
