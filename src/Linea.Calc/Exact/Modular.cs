using System.Numerics;

namespace Linea.Calc.Exact;

/// <summary>
/// Exact linear algebra on integer matrices by multi-modular arithmetic: the matrix is reduced modulo several
/// 62-bit primes, eliminated there with machine integers (Montgomery multiplication, no big numbers), and the exact
/// integer result is rebuilt by Chinese remaindering. Enough primes are used for their product to exceed twice
/// Hadamard's bound on every minor (the product of the rows' Euclidean norms), so every result is exact, never
/// probabilistic. For a 100 x 100 matrix of small integers about 16 primes suffice, and the work is O(n^3) word
/// operations per prime instead of O(n^3) operations on numbers of hundreds of digits.
/// </summary>
/// <remarks>
/// Rational input is handled by clearing the denominators of each row first (scaling a row scales the determinant
/// by the same factor and leaves the rank and the solution of a scaled system unchanged). Every elimination checks
/// <see cref="ExactLimits.Cancellation"/> once per pivot.
/// </remarks>
internal static class Modular
{
    private static readonly List<ulong> s_primes = [];
    private static readonly Lock s_primesLock = new();

    /// <summary>
    /// The rows of <paramref name="a"/> (a rows x cols block of a row-major rational matrix, plus optionally the
    /// rows of <paramref name="b"/> appended on the right) times the lcm of each row's denominators: an integer matrix.
    /// Returns the per-row scale factors in <paramref name="scales"/>.
    /// </summary>
    public static BigInteger[] ClearDenominators(ExactArray a, ExactArray? b, out BigInteger[] scales)
    {
        int rows = a.Rank == 2 ? a.Rows : 1, n = a.Rank == 2 ? a.Cols : a.Count;
        int k = b is null ? 0 : b.Rank == 2 ? b.Cols : 1;
        int cols = n + k;
        var m = new BigInteger[rows * cols];
        scales = new BigInteger[rows];
        for (int i = 0; i < rows; i++)
        {
            var l = BigInteger.One;
            for (int j = 0; j < cols; j++)
            {
                var d = (j < n ? a[i * n + j] : b![i * k + j - n]).Denominator;
                if (!d.IsOne) l = ExactArray.Lcm(l, d);
            }
            for (int j = 0; j < cols; j++)
            {
                var e = j < n ? a[i * n + j] : b![i * k + j - n];
                m[i * cols + j] = e.IsInteger ? (l.IsOne ? e.Numerator : e.Numerator * l) : e.Numerator * (l / e.Denominator);
            }
            scales[i] = l;
        }
        return m;
    }

    /// <summary>
    /// log2 of Hadamard's bound for the rows x cols integer matrix <paramref name="m"/>: the sum over rows of
    /// log2(max(1, ||row||)). Every minor of the matrix (any rows, any columns) is at most 2^result in absolute value.
    /// </summary>
    public static double HadamardBits(BigInteger[] m, int rows, int cols)
    {
        double bits = 0;
        for (int i = 0; i < rows; i++)
        {
            var s = BigInteger.Zero;
            for (int j = 0; j < cols; j++)
            {
                var x = m[i * cols + j];
                if (!x.IsZero) s += x * x;
            }
            if (s > BigInteger.One) bits += BigInteger.Log(s, 2) / 2;
        }
        return bits;
    }

    /// <summary>The exact determinant of the n x n integer matrix <paramref name="m"/>, whose Hadamard bound is 2^<paramref name="boundBits"/>.</summary>
    public static BigInteger Determinant(BigInteger[] m, int n, double boundBits)
    {
        var cancel = ExactLimits.Cancellation;
        var crt = new Crt(1);
        var work = new ulong[n * n];
        var residue = new ulong[1];
        foreach (var p in PrimesFor(boundBits + 2))
        {
            var f = new Montgomery(p);
            Reduce(m, work, f);
            residue[0] = f.FromMontgomery(DeterminantModP(work, n, f, cancel));
            crt.Add(residue, p);
        }
        return crt.Value(0);
    }

    /// <summary>
    /// The exact rank of the rows x cols integer matrix <paramref name="m"/>: the largest rank modulo primes whose
    /// product exceeds Hadamard's bound (a nonzero minor cannot vanish modulo all of them), stopping early at full rank.
    /// </summary>
    public static int Rank(BigInteger[] m, int rows, int cols, double boundBits)
    {
        var cancel = ExactLimits.Cancellation;
        int full = Math.Min(rows, cols), best = 0;
        var work = new ulong[rows * cols];
        foreach (var p in PrimesFor(boundBits + 1))
        {
            var f = new Montgomery(p);
            Reduce(m, work, f);
            best = Math.Max(best, RankModP(work, rows, cols, f, cancel));
            if (best == full) break;
        }
        return best;
    }

    /// <summary>
    /// The exact rank of the rows x cols integer matrix <paramref name="m"/> with, from a prime that attains it, the
    /// pivot columns of the elimination there and the original rows those pivots came from (independent over Q,
    /// since their minor is nonzero modulo that prime). The pivot columns may differ from those over Q when the prime
    /// divides some minors; callers verify what they build from them.
    /// </summary>
    public static (int Rank, int[] PivotColumns, int[] PivotRows) RankProfile(BigInteger[] m, int rows, int cols, double boundBits)
    {
        var cancel = ExactLimits.Cancellation;
        int full = Math.Min(rows, cols);
        (int Rank, int[] PivotColumns, int[] PivotRows) best = (0, [], []);
        var work = new ulong[rows * cols];
        foreach (var p in PrimesFor(boundBits + 1))
        {
            var f = new Montgomery(p);
            Reduce(m, work, f);
            var profile = ProfileModP(work, rows, cols, f, cancel);
            // among primes of the largest rank, keep the lexicographically first pivot columns: those over Q come
            // first of all (a set independent modulo p is independent over Q)
            if (profile.Rank > best.Rank || (profile.Rank == best.Rank && LexicographicallyBefore(profile.PivotColumns, best.PivotColumns)))
                best = profile;
            if (best.Rank == full) break;
        }
        return best;
    }

    /// <summary>
    /// Solves B X = C exactly for the n x n integer matrix B and the n x k integer matrix C stored side by side in
    /// <paramref name="m"/> (n rows of n + k entries), B nonsingular with determinant <paramref name="det"/>:
    /// returns the integer matrix Y = adj(B) C (n x k), so that X = Y / det. <paramref name="boundBits"/> bounds
    /// every minor of [B | C] (Cramer's rule makes each entry of Y such a minor).
    /// </summary>
    public static BigInteger[] AdjugateTimes(BigInteger[] m, int n, int k, BigInteger det, double boundBits)
    {
        var cancel = ExactLimits.Cancellation;
        int cols = n + k;
        var crt = new Crt(n * k);
        var work = new ulong[n * cols];
        var residues = new ulong[n * k];
        foreach (var p in PrimesFor(boundBits + 2, det))
        {
            var f = new Montgomery(p);
            Reduce(m, work, f);
            if (!GaussJordanModP(work, n, cols, f, cancel)) throw new InvalidOperationException("internal error: a prime not dividing det(A) found A singular");
            ulong d = f.ToMontgomery(Mod(det, p));
            for (int i = 0; i < n; i++)
                for (int j = 0; j < k; j++)
                    residues[i * k + j] = f.FromMontgomery(f.Mul(work[i * cols + n + j], d));
            crt.Add(residues, p);
        }
        var y = new BigInteger[n * k];
        for (int e = 0; e < y.Length; e++) y[e] = crt.Value(e);
        return y;
    }

    /// <summary>
    /// Primes (largest first, below 2^62) until their product exceeds 2^<paramref name="bits"/>, skipping those that
    /// divide <paramref name="avoid"/> when it is nonzero.
    /// </summary>
    private static IEnumerable<ulong> PrimesFor(double bits, BigInteger avoid = default)
    {
        double have = 0;
        for (int i = 0; have <= bits; i++)
        {
            ulong p = PrimeAt(i);
            if (!avoid.IsZero && Mod(avoid, p) == 0) continue;
            yield return p;
            have += Math.Log2(p);
        }
    }

    private static ulong PrimeAt(int i)
    {
        lock (s_primesLock)
        {
            while (s_primes.Count <= i)
            {
                ulong c = s_primes.Count == 0 ? (1UL << 62) - 1 : s_primes[^1] - 2;
                while (!IsPrime(c)) c -= 2;
                s_primes.Add(c);
            }
            return s_primes[i];
        }
    }

    /// <summary>Deterministic Miller-Rabin for odd n below 2^62 (the first 12 prime bases suffice below 3.3 * 10^24).</summary>
    private static bool IsPrime(ulong n)
    {
        ReadOnlySpan<uint> small = [3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97];
        foreach (var q in small)
            if (n % q == 0) return n == q;
        var f = new Montgomery(n);
        ulong d = n - 1;
        int s = BitOperations.TrailingZeroCount(d);
        d >>= s;
        ulong one = f.One, minusOne = f.Sub(0, f.One);
        ReadOnlySpan<uint> bases = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];
        foreach (var a in bases)
        {
            ulong x = f.Pow(f.ToMontgomery(a), d);
            if (x == one || x == minusOne) continue;
            bool composite = true;
            for (int r = 1; r < s; r++)
            {
                x = f.Mul(x, x);
                if (x == minusOne) { composite = false; break; }
            }
            if (composite) return false;
        }
        return true;
    }

    private static ulong Mod(BigInteger x, ulong p)
    {
        var r = (ulong)BigInteger.Abs(BigInteger.Remainder(x, p));
        return x.Sign < 0 && r != 0 ? p - r : r;
    }

    /// <summary>Each entry of <paramref name="m"/> modulo f's prime, in Montgomery form.</summary>
    private static void Reduce(BigInteger[] m, ulong[] work, in Montgomery f)
    {
        ulong p = f.P;
        for (int e = 0; e < m.Length; e++)
        {
            var x = m[e];
            ulong r;
            if (x.IsZero) r = 0;
            else if (x >= long.MinValue + 1 && x <= long.MaxValue)
            {
                long v = (long)x;
                r = v >= 0 ? (ulong)v % p : (p - ((ulong)(-v) % p)) % p;
            }
            else r = Mod(x, p);
            work[e] = f.ToMontgomery(r);
        }
    }

    private static ulong DeterminantModP(ulong[] a, int n, in Montgomery f, CancellationToken cancel)
    {
        ulong det = f.One;
        for (int c = 0; c < n; c++)
        {
            cancel.ThrowIfCancellationRequested();
            int p = c;
            while (p < n && a[p * n + c] == 0) p++;
            if (p == n) return 0;
            if (p != c)
            {
                Swap(a, c * n, p * n, n);
                det = f.Sub(0, det);
            }
            ulong pivot = a[c * n + c];
            det = f.Mul(det, pivot);
            ulong inv = f.Inverse(pivot);
            var row = a.AsSpan(c * n + c + 1, n - c - 1);
            for (int i = c + 1; i < n; i++)
            {
                ulong x = a[i * n + c];
                if (x == 0) continue;
                EliminateRow(a.AsSpan(i * n + c + 1, n - c - 1), row, f.Mul(x, inv), f);
            }
        }
        return det;
    }

    private static int RankModP(ulong[] a, int rows, int cols, in Montgomery f, CancellationToken cancel) =>
        ProfileModP(a, rows, cols, f, cancel).Rank;

    private static bool LexicographicallyBefore(int[] x, int[] y)
    {
        for (int i = 0; i < Math.Min(x.Length, y.Length); i++)
            if (x[i] != y[i]) return x[i] < y[i];
        return false;
    }

    private static (int Rank, int[] PivotColumns, int[] PivotRows) ProfileModP(ulong[] a, int rows, int cols, in Montgomery f, CancellationToken cancel)
    {
        var perm = Enumerable.Range(0, rows).ToArray();
        var pivotColumns = new List<int>();
        int r = 0;
        for (int c = 0; c < cols && r < rows; c++)
        {
            cancel.ThrowIfCancellationRequested();
            int p = r;
            while (p < rows && a[p * cols + c] == 0) p++;
            if (p == rows) continue;
            if (p != r)
            {
                Swap(a, r * cols, p * cols, cols);
                (perm[r], perm[p]) = (perm[p], perm[r]);
            }
            ulong inv = f.Inverse(a[r * cols + c]);
            var row = a.AsSpan(r * cols + c + 1, cols - c - 1);
            for (int i = r + 1; i < rows; i++)
            {
                ulong x = a[i * cols + c];
                if (x == 0) continue;
                EliminateRow(a.AsSpan(i * cols + c + 1, cols - c - 1), row, f.Mul(x, inv), f);
            }
            pivotColumns.Add(c);
            r++;
        }
        return (r, [.. pivotColumns], perm[..r]);
    }

    /// <summary>Gauss-Jordan on the n x cols matrix [B | C] modulo p: afterwards the left block is I and the right B^-1 C. False when B is singular modulo p.</summary>
    private static bool GaussJordanModP(ulong[] a, int n, int cols, in Montgomery f, CancellationToken cancel)
    {
        for (int c = 0; c < n; c++)
        {
            cancel.ThrowIfCancellationRequested();
            int p = c;
            while (p < n && a[p * cols + c] == 0) p++;
            if (p == n) return false;
            if (p != c) Swap(a, c * cols, p * cols, cols);
            ulong inv = f.Inverse(a[c * cols + c]);
            var row = a.AsSpan(c * cols + c, cols - c);
            for (int j = 0; j < row.Length; j++) row[j] = f.Mul(row[j], inv);
            var tail = row[1..];
            for (int i = 0; i < n; i++)
            {
                if (i == c) continue;
                ulong x = a[i * cols + c];
                if (x == 0) continue;
                a[i * cols + c] = 0;
                EliminateRow(a.AsSpan(i * cols + c + 1, cols - c - 1), tail, x, f);
            }
        }
        return true;
    }

    /// <summary>target -= factor * source, element-wise modulo p.</summary>
    private static void EliminateRow(Span<ulong> target, ReadOnlySpan<ulong> source, ulong factor, in Montgomery f)
    {
        for (int j = 0; j < target.Length; j++)
        {
            ulong s = source[j];
            if (s != 0) target[j] = f.Sub(target[j], f.Mul(factor, s));
        }
    }

    private static void Swap(ulong[] a, int x, int y, int length)
    {
        var u = a.AsSpan(x, length);
        var v = a.AsSpan(y, length);
        for (int j = 0; j < length; j++) (u[j], v[j]) = (v[j], u[j]);
    }

    /// <summary>Arithmetic modulo an odd prime p below 2^62 in Montgomery form (x R mod p with R = 2^64).</summary>
    private readonly struct Montgomery
    {
        public readonly ulong P;
        private readonly ulong _pInv; // p^-1 mod 2^64
        private readonly ulong _r2;   // R^2 mod p
        private readonly ulong _one;  // R mod p

        public Montgomery(ulong p)
        {
            P = p;
            ulong inv = p; // Newton: each step doubles the correct low bits (p * p = 1 mod 8 for odd p)
            for (int i = 0; i < 5; i++) inv *= 2 - p * inv;
            _pInv = inv;
            var r = (UInt128.One << 64) % p;
            _r2 = (ulong)(r * r % p);
            _one = (ulong)r;
        }

        public ulong One => _one;

        /// <summary>REDC(hi * 2^64 + lo) = (hi * 2^64 + lo) / R mod p, for values below p * R.</summary>
        private ulong Reduce(ulong hi, ulong lo)
        {
            ulong m = lo * _pInv;
            ulong mpHi = Math.BigMul(m, P, out _);
            ulong t = hi - mpHi;
            return hi < mpHi ? t + P : t;
        }

        public ulong Mul(ulong a, ulong b)
        {
            ulong hi = Math.BigMul(a, b, out ulong lo);
            return Reduce(hi, lo);
        }

        public ulong Sub(ulong a, ulong b) => a >= b ? a - b : a + P - b;

        public ulong Add(ulong a, ulong b)
        {
            ulong s = a + b;
            return s >= P ? s - P : s;
        }

        public ulong ToMontgomery(ulong x) => Mul(x, _r2);

        public ulong FromMontgomery(ulong x) => Reduce(0, x);

        public ulong Pow(ulong x, ulong e)
        {
            ulong result = One;
            while (e != 0)
            {
                if ((e & 1) != 0) result = Mul(result, x);
                x = Mul(x, x);
                e >>= 1;
            }
            return result;
        }

        /// <summary>x^-1 by Fermat's little theorem (x nonzero).</summary>
        public ulong Inverse(ulong x) => Pow(x, P - 2);
    }

    /// <summary>
    /// Chinese remaindering of many values at once by Garner's mixed-radix digits (word arithmetic only); the
    /// result is the representative in (-M/2, M/2] for the product M of the primes.
    /// </summary>
    private sealed class Crt(int count)
    {
        private readonly List<ulong> _primes = [];
        private readonly List<ulong[]> _digits = [];
        private BigInteger? _modulus;

        public void Add(ulong[] residues, ulong p)
        {
            // digit_i = (r - (v_0 + p_0 (v_1 + p_1 (...)))) / (p_0 ... p_{i-1})  mod p_i, in Montgomery form mod p_i
            var f = new Montgomery(p);
            int i = _primes.Count;
            var radix = new ulong[i];
            ulong prefix = f.One;
            for (int t = 0; t < i; t++)
            {
                radix[t] = f.ToMontgomery(_primes[t] % p);
                prefix = f.Mul(prefix, radix[t]);
            }
            ulong prefixInv = f.Inverse(prefix);
            var digits = new ulong[count];
            for (int e = 0; e < count; e++)
            {
                ulong v = 0;
                for (int t = i - 1; t >= 0; t--)
                {
                    ulong d = _digits[t][e];
                    v = f.Add(f.Mul(v, radix[t]), f.ToMontgomery(d < p ? d : d % p));
                }
                ulong diff = f.Sub(f.ToMontgomery(residues[e]), v);
                digits[e] = f.FromMontgomery(f.Mul(diff, prefixInv));
            }
            _primes.Add(p);
            _digits.Add(digits);
            _modulus = null;
        }

        public BigInteger Value(int e)
        {
            if (_modulus is null)
            {
                var m = BigInteger.One;
                foreach (var q in _primes) m *= q;
                _modulus = m;
            }
            var x = BigInteger.Zero;
            for (int t = _primes.Count - 1; t >= 0; t--) x = x * _primes[t] + _digits[t][e];
            return x * 2 > _modulus.Value ? x - _modulus.Value : x;
        }
    }
}
