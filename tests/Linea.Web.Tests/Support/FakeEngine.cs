using System.Collections.Concurrent;
using System.Globalization;
using Linea.Calc;
using Linea.Web.Evaluation;

namespace Linea.Web.Tests.Support;

/// <summary>
/// A scripted engine for testing the server's own machinery (time budget, concurrency gate, sessions) independently
/// of the calculator. Programs: "sleep MS" (cooperative wait on the token), "spin MS" (ignores the token),
/// "block" (waits until <see cref="Release"/>), "NAME = NUMBER", "NAME" (reads back), "limit", "calc", "crash".
/// </summary>
public sealed class FakeEngine : ICalcEngine
{
    private readonly ManualResetEventSlim _release = new(false);
    private int _running;
    private int _peak;

    public int Peak => Volatile.Read(ref _peak);

    public int Running => Volatile.Read(ref _running);

    public void Release() => _release.Set();

    public ICalcSession CreateSession() => new Session(this);

    private sealed class Session(FakeEngine engine) : ICalcSession
    {
        private readonly ConcurrentDictionary<string, double> _vars = new();

        public EvalOutcome Evaluate(string program, CancellationToken token)
        {
            int now = Interlocked.Increment(ref engine._running);
            int peak;
            while (now > (peak = engine.Peak) && Interlocked.CompareExchange(ref engine._peak, now, peak) != peak) { }
            try
            {
                return Run(program.Trim(), token);
            }
            finally
            {
                Interlocked.Decrement(ref engine._running);
            }
        }

        public void Clear() => _vars.Clear();

        private EvalOutcome Run(string program, CancellationToken token)
        {
            var parts = program.Split(' ', 2);
            switch (parts[0])
            {
                case "sleep":
                    Task.Delay(int.Parse(parts[1], CultureInfo.InvariantCulture), token).Wait(token);
                    return EvalOutcome.Success([Scalar(1)]);
                case "spin":
                    Thread.Sleep(int.Parse(parts[1], CultureInfo.InvariantCulture));
                    return EvalOutcome.Success([Scalar(2)]);
                case "block":
                    engine._release.Wait(TimeSpan.FromSeconds(20), CancellationToken.None); // ignores the token on purpose
                    return EvalOutcome.Success([Scalar(3)]);
                case "limit":
                    throw new CalcLimitException("too many elements: 10^9 > 10^6") { Line = 1, Column = 1 };
                case "calc":
                    throw new CalcException("unknown name 'foo'") { Line = 1, Column = 3, Hint = "did you mean 'for'?" };
                case "crash":
                    throw new InvalidOperationException("bug");
            }
            if (program.Contains('='))
            {
                var (name, value) = (program.Split('=')[0].Trim(), program.Split('=')[1].Trim());
                _vars[name] = double.Parse(value, CultureInfo.InvariantCulture);
                return EvalOutcome.Success([Scalar(_vars[name])]);
            }
            if (_vars.TryGetValue(program, out var v)) return EvalOutcome.Success([Scalar(v)]);
            return new EvalOutcome([], new EvalFailure(EvalFailureKind.Calc, $"unknown name '{program}'", 1, 1));
        }

        private static string Scalar(double v) =>
            "{\"shape\":[],\"dtype\":\"float64\",\"data\":" + v.ToString("R", CultureInfo.InvariantCulture) + "}";
    }
}
