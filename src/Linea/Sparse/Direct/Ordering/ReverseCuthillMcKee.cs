namespace Linea;

/// <summary>
/// Reverse Cuthill-McKee: a bandwidth- and profile-reducing order of a symmetric graph. Each connected component is
/// numbered breadth-first from a pseudo-peripheral vertex (George and Liu), neighbours by increasing degree, and the
/// whole order is reversed. O(nnz log(max degree) + n) time, O(n) memory besides the graph.
/// </summary>
internal static class ReverseCuthillMcKee
{
    /// <summary>The RCM permutation: perm[k] = vertex placed k-th.</summary>
    public static int[] Order(AdjacencyGraph g)
    {
        int n = g.N;
        var order = new int[n];
        var level = new int[n];
        Array.Fill(level, -1);
        var keys = new int[n];
        var visited = new bool[n];
        int placed = 0;
        for (int s = 0; s < n; s++)
        {
            if (visited[s]) continue;
            int root = PseudoPeripheral(g, s, level, order, placed);
            // Cuthill-McKee from root, written into order[placed..].
            int head = placed, tail = placed;
            order[tail++] = root;
            visited[root] = true;
            while (head < tail)
            {
                int v = order[head++];
                int start = tail;
                for (int p = g.Ptr[v]; p < g.Ptr[v + 1]; p++)
                {
                    int w = g.Adj[p];
                    if (visited[w]) continue;
                    visited[w] = true;
                    keys[tail] = Degree(g, w);
                    order[tail++] = w;
                }
                Array.Sort(keys, order, start, tail - start);
            }
            placed = tail;
        }
        Array.Reverse(order);
        return order;
    }

    private static int Degree(AdjacencyGraph g, int v) => g.Ptr[v + 1] - g.Ptr[v];

    /// <summary>
    /// A vertex of (nearly) maximal eccentricity in s's component: restart breadth-first search from a least-degree
    /// vertex of the last level while the number of levels grows. scratch[offset..] serves as the queue; level[] must be
    /// -1 on the component on entry and is left so.
    /// </summary>
    internal static int PseudoPeripheral(AdjacencyGraph g, int s, int[] level, int[] scratch, int offset)
    {
        int root = s;
        int depth = Levels(g, root, level, scratch, offset, out int count);
        for (int tries = 0; tries < 16; tries++)
        {
            int best = -1, bestDegree = int.MaxValue;
            for (int k = offset + count - 1; k >= offset && level[scratch[k]] == depth - 1; k--)
                if (Degree(g, scratch[k]) < bestDegree) { bestDegree = Degree(g, scratch[k]); best = scratch[k]; }
            Clear(level, scratch, offset, count);
            int d2 = Levels(g, best, level, scratch, offset, out count);
            if (d2 <= depth) break;
            root = best;
            depth = d2;
        }
        Clear(level, scratch, offset, count);
        return root;
    }

    private static void Clear(int[] level, int[] queue, int offset, int count)
    {
        for (int k = offset; k < offset + count; k++) level[queue[k]] = -1;
    }

    /// <summary>Breadth-first levels from root in its component (level[] -1 there on entry); returns the number of levels.</summary>
    private static int Levels(AdjacencyGraph g, int root, int[] level, int[] queue, int offset, out int count)
    {
        int head = offset, tail = offset;
        queue[tail++] = root;
        level[root] = 0;
        int depth = 1;
        while (head < tail)
        {
            int v = queue[head++];
            int lv = level[v];
            for (int p = g.Ptr[v]; p < g.Ptr[v + 1]; p++)
            {
                int w = g.Adj[p];
                if (level[w] >= 0) continue;
                level[w] = lv + 1;
                depth = Math.Max(depth, lv + 2);
                queue[tail++] = w;
            }
        }
        count = tail - offset;
        return depth;
    }
}
