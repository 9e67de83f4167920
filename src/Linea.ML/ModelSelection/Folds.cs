namespace Linea.ML;

/// <summary>Shared fold bookkeeping of the splitters.</summary>
internal static class Folds
{
    /// <summary>(train, test) index arrays, ascending, from a test-membership mask.</summary>
    public static (int[] Train, int[] Test) FromMask(bool[] inTest)
    {
        int testCount = inTest.Count(static b => b);
        var train = new int[inTest.Length - testCount];
        var test = new int[testCount];
        int a = 0, b = 0;
        for (int i = 0; i < inTest.Length; i++)
            if (inTest[i]) test[b++] = i;
            else train[a++] = i;
        return (train, test);
    }

    /// <summary>Class index of each label, classes numbered in order of first appearance (scikit-learn's StratifiedKFold encoding).</summary>
    public static (int[] Encoded, int Classes) ByFirstAppearance<T>(T[] y) where T : IEquatable<T>
    {
        var map = new Dictionary<T, int>();
        var encoded = new int[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            if (!map.TryGetValue(y[i], out int c)) map[y[i]] = c = map.Count;
            encoded[i] = c;
        }
        return (encoded, map.Count);
    }

    /// <summary>Shuffles <paramref name="values"/> in place (Fisher-Yates) with <paramref name="rng"/>.</summary>
    public static void ShuffleInPlace(Span<int> values, Rng rng)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
