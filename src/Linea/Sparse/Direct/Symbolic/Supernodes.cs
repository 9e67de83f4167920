namespace Linea;

/// <summary>
/// The supernode partition of a postordered elimination tree: fundamental supernodes (chains j -&gt; j + 1 where
/// j + 1 has the one child j and column j's structure is column j + 1's plus j), then relaxed amalgamation of each child
/// into its parent when they are contiguous (CHOLMOD's rule, <see cref="SparseCholeskyParams"/>), then each
/// supernode's row structure (its columns first, then the rows below, sorted).
/// </summary>
internal static class Supernodes
{
    /// <summary>
    /// The first column of each supernode (length count + 1, last entry n) for a postordered tree with
    /// column counts <paramref name="counts"/>. O(n).
    /// </summary>
    public static int[] Partition(int[] parent, long[] counts, SparseCholeskyParams p)
    {
        int n = parent.Length;
        var childCount = new int[n];
        for (int j = 0; j < n; j++) if (parent[j] != -1) childCount[parent[j]]++;

        // Fundamental supernodes.
        var fstart = new List<int>();
        for (int j = 0; j < n; j++)
        {
            bool joins = j > 0 && parent[j - 1] == j && counts[j - 1] == counts[j] + 1 && childCount[j] == 1;
            if (!joins) fstart.Add(j);
        }
        int nf = fstart.Count;
        fstart.Add(n);
        var superOf = new int[n];
        for (int s = 0; s < nf; s++)
            for (int j = fstart[s]; j < fstart[s + 1]; j++) superOf[j] = s;

        // Relaxed amalgamation: each group is a contiguous column range [first, first + ncols), its structure
        // that of its first column: nrows rows. Children are visited from the last down so parents are final first.
        var first = new int[nf];
        var ncols = new int[nf];
        var nrows = new long[nf];
        var actual = new long[nf];
        var group = new int[nf];
        for (int s = 0; s < nf; s++)
        {
            first[s] = fstart[s];
            ncols[s] = fstart[s + 1] - fstart[s];
            nrows[s] = counts[fstart[s]];
            long sum = 0;
            for (int j = fstart[s]; j < fstart[s + 1]; j++) sum += counts[j];
            actual[s] = sum;
            group[s] = s;
        }
        for (int c = nf - 2; c >= 0; c--)
        {
            int last = fstart[c + 1] - 1;
            if (parent[last] == -1) continue;
            int g = Find(group, superOf[parent[last]]);
            if (first[g] != last + 1) continue; // the parent's group does not start right after c: not contiguous
            long ns = ncols[c] + ncols[g];
            long rows = ncols[c] + nrows[g];
            double stored = ns * (ns + 1) / 2.0 + ns * (double)(rows - ns);
            double zeros = (stored - (actual[c] + actual[g])) / stored;
            bool merge = ns <= p.Nrelax0
                || (ns <= p.Nrelax1 && zeros < p.Zrelax0)
                || (ns <= p.Nrelax2 && zeros < p.Zrelax1)
                || zeros < p.Zrelax2;
            if (!merge) continue;
            group[c] = g;
            first[g] = first[c];
            ncols[g] = (int)ns;
            nrows[g] = rows;
            actual[g] += actual[c];
        }
        var starts = new List<int>();
        for (int s = 0; s < nf; s++) if (group[s] == s) starts.Add(first[s]);
        starts.Sort();
        starts.Add(n);
        return starts.ToArray();
    }

    private static int Find(int[] group, int s)
    {
        int r = s;
        while (group[r] != r) r = group[r];
        while (group[s] != r) { int next = group[s]; group[s] = r; s = next; }
        return r;
    }

    /// <summary>
    /// Row structures of the supernodes: rows of supernode s are superRows[rowPtr[s] .. rowPtr[s + 1]), its own
    /// columns first, then the rows below sorted. The union of the pattern's entries in its columns and its children's
    /// structures. Also returns each supernode's parent (-1 for roots). O(sum of structure sizes * log).
    /// </summary>
    public static (long[] RowPtr, int[] Rows, int[] SuperParent) RowStructure(int n, int[] start, int[] parent, PermutedLowerPattern pattern)
    {
        int ns = start.Length - 1;
        var superOf = new int[n];
        for (int s = 0; s < ns; s++)
            for (int j = start[s]; j < start[s + 1]; j++) superOf[j] = s;
        var superParent = new int[ns];
        var head = new int[ns];
        var next = new int[ns];
        Array.Fill(head, -1);
        for (int s = ns - 1; s >= 0; s--)
        {
            int last = start[s + 1] - 1;
            int p = parent[last] == -1 ? -1 : superOf[parent[last]];
            superParent[s] = p;
            if (p != -1) { next[s] = head[p]; head[p] = s; }
        }
        var mark = new int[n];
        Array.Fill(mark, -1);
        var rowPtr = new long[ns + 1];
        var rows = new List<int[]>(ns);
        var buffer = new int[n];
        for (int s = 0; s < ns; s++)
        {
            int f = start[s], e = start[s + 1], count = 0;
            for (int j = f; j < e; j++) mark[j] = s;
            for (int j = f; j < e; j++)
                for (int q = pattern.ColPtr[j]; q < pattern.ColPtr[j + 1]; q++)
                {
                    int r = pattern.RowIdx[q];
                    if (mark[r] != s) { mark[r] = s; buffer[count++] = r; }
                }
            for (int c = head[s]; c != -1; c = next[c])
            {
                var cr = rows[c];
                int ck = start[c + 1] - start[c];
                for (int i = ck; i < cr.Length; i++)
                {
                    int r = cr[i];
                    if (mark[r] != s) { mark[r] = s; buffer[count++] = r; }
                }
            }
            Array.Sort(buffer, 0, count);
            var sr = new int[e - f + count];
            for (int j = f; j < e; j++) sr[j - f] = j;
            Array.Copy(buffer, 0, sr, e - f, count);
            rows.Add(sr);
            rowPtr[s + 1] = rowPtr[s] + sr.Length;
        }
        var all = new int[rowPtr[ns]];
        for (int s = 0; s < ns; s++) rows[s].CopyTo(all, rowPtr[s]);
        return (rowPtr, all, superParent);
    }
}
