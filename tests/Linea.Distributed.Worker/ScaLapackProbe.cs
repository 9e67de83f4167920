namespace Linea.Distributed.Worker;

/// <summary>ScaLAPACK's own NUMROC, to check Linea's local sizes against it.</summary>
internal static unsafe class ScaLapackProbe
{
    public static int Numroc(int n, int nb, int iproc, int procs)
    {
        var native = ScaLapackBindings.ScaLapackLibrary.Require("numroc");
        int src = 0;
        return native.Numroc(&n, &nb, &iproc, &src, &procs);
    }
}
