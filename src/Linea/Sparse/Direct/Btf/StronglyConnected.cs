namespace Linea;

/// <summary>
/// The strongly connected components of the graph of a matrix with a zero-free diagonal after the row matching: vertex j
/// (a column) has an edge to vertex columnOfRow[i] for each row i of column j. Tarjan's algorithm without recursion.
/// Tarjan emits a component only after every component it reaches, so numbering the components in emission order puts
/// each entry's row block at or before its column block: block upper triangular. Time and memory O(n + nnz).
/// </summary>
internal static class StronglyConnected
{
    /// <summary>The vertices in block order, and the start of each block (length blocks + 1, ending with n).</summary>
    public static (int[] Order, int[] BlockStarts) Components(int n, long[] ptr, int[] idx, int[] columnOfRow)
    {
        var index = new int[n];
        var low = new int[n];
        Array.Fill(index, -1);
        var onStack = new bool[n];
        var stack = new int[n];
        var call = new int[n];
        var edge = new long[n];
        var order = new int[n];
        var starts = new List<int> { 0 };
        int counter = 0, top = 0, emitted = 0;
        for (int root = 0; root < n; root++)
        {
            if (index[root] >= 0) continue;
            int depth = 0;
            call[0] = root;
            edge[0] = ptr[root];
            index[root] = low[root] = counter++;
            stack[top++] = root;
            onStack[root] = true;
            while (depth >= 0)
            {
                int v = call[depth];
                bool descended = false;
                for (; edge[depth] < ptr[v + 1]; edge[depth]++)
                {
                    int w = columnOfRow[idx[edge[depth]]];
                    if (index[w] < 0)
                    {
                        edge[depth]++;
                        depth++;
                        call[depth] = w;
                        edge[depth] = ptr[w];
                        index[w] = low[w] = counter++;
                        stack[top++] = w;
                        onStack[w] = true;
                        descended = true;
                        break;
                    }
                    if (onStack[w]) low[v] = Math.Min(low[v], index[w]);
                }
                if (descended) continue;
                if (low[v] == index[v])
                {
                    int w;
                    do
                    {
                        w = stack[--top];
                        onStack[w] = false;
                        order[emitted++] = w;
                    } while (w != v);
                    starts.Add(emitted);
                }
                depth--;
                if (depth >= 0) low[call[depth]] = Math.Min(low[call[depth]], low[v]);
            }
        }
        return (order, [.. starts]);
    }
}
