namespace Linea;

/// <summary>
/// The size of the Cholesky factor an ordering leads to, without factoring: the elimination tree (Liu) and the column
/// counts of L by the row-subtree skeleton (Gilbert, Ng and Peyton), in O(nnz(A) alpha(n)) time and O(n) memory.
/// Used to choose between orderings.
/// </summary>
internal static class FillEstimate
{
    /// <summary>nnz(L), diagonal included, and the factorization's multiply-add count sum_j c_j^2 (c_j = column j's count),
    /// for the graph <paramref name="g"/> eliminated in the order <paramref name="perm"/>.</summary>
    public static (long NnzL, double Flops) Cholesky(AdjacencyGraph g, ReadOnlySpan<int> perm)
    {
        var counts = ColumnCounts(g, perm);
        long nnz = 0;
        double flops = 0;
        foreach (long c in counts)
        {
            nnz += c;
            flops += (double)c * c;
        }
        return (nnz, flops);
    }

    /// <summary>The column counts of the Cholesky factor (diagonal included), column k of L being vertex perm[k].
    /// O(nnz(A) alpha(n)) time, O(n) memory.</summary>
    public static long[] ColumnCounts(AdjacencyGraph g, ReadOnlySpan<int> perm)
    {
        int n = g.N;
        var pinv = FillReducingOrder.Inverse(perm);
        var parent = new int[n];
        var ancestor = new int[n];
        for (int k = 0; k < n; k++)
        {
            parent[k] = -1;
            ancestor[k] = -1;
            int v = perm[k];
            for (int p = g.Ptr[v]; p < g.Ptr[v + 1]; p++)
                for (int i = pinv[g.Adj[p]]; i != -1 && i < k;)
                {
                    int up = ancestor[i];
                    ancestor[i] = k;
                    if (up == -1) { parent[i] = k; break; }
                    i = up;
                }
        }
        var post = Postorder(parent);
        // first[j]: the first postorder position of j's subtree; delta: the skeleton counts, summed up the tree below.
        var first = new int[n];
        var delta = new long[n];
        Array.Fill(first, -1);
        for (int k = 0; k < n; k++)
        {
            int j = post[k];
            delta[j] = first[j] == -1 ? 1 : 0; // a leaf of the elimination tree
            for (; j != -1 && first[j] == -1; j = parent[j]) first[j] = k;
        }
        var maxFirst = new int[n];
        var prevLeaf = new int[n];
        Array.Fill(maxFirst, -1);
        Array.Fill(prevLeaf, -1);
        for (int i = 0; i < n; i++) ancestor[i] = i;
        for (int k = 0; k < n; k++)
        {
            int j = post[k];
            if (parent[j] != -1) delta[parent[j]]--;
            int v = perm[j];
            for (int p = g.Ptr[v]; p < g.Ptr[v + 1]; p++)
            {
                int i = pinv[g.Adj[p]];
                if (i <= j || first[j] <= maxFirst[i]) continue; // j is not a leaf of row subtree i
                maxFirst[i] = first[j];
                int jPrev = prevLeaf[i];
                prevLeaf[i] = j;
                delta[j]++;
                if (jPrev == -1) continue; // the first leaf of row subtree i
                int q = jPrev;
                while (q != ancestor[q]) q = ancestor[q];
                for (int s = jPrev; s != q;)
                {
                    int next = ancestor[s];
                    ancestor[s] = q;
                    s = next;
                }
                delta[q]--; // q, the least common ancestor, was counted twice
            }
            if (parent[j] != -1) ancestor[j] = parent[j];
        }
        for (int k = 0; k < n; k++)
        {
            int j = post[k];
            if (parent[j] != -1) delta[parent[j]] += delta[j];
        }
        return delta;
    }

    /// <summary>A postorder of the forest given by <paramref name="parent"/> (-1 for roots).</summary>
    public static int[] Postorder(int[] parent)
    {
        int n = parent.Length;
        var child = new int[n];
        var sibling = new int[n];
        Array.Fill(child, -1);
        for (int j = n - 1; j >= 0; j--)
        {
            if (parent[j] == -1) continue;
            sibling[j] = child[parent[j]];
            child[parent[j]] = j;
        }
        var post = new int[n];
        var stack = new int[n];
        int k = 0;
        for (int r = 0; r < n; r++)
        {
            if (parent[r] != -1) continue;
            int top = 0;
            stack[0] = r;
            while (top >= 0)
            {
                int v = stack[top];
                int c = child[v];
                if (c == -1) { top--; post[k++] = v; }
                else { child[v] = sibling[c]; stack[++top] = c; }
            }
        }
        return post;
    }
}
