namespace Linea;

/// <summary>
/// The elimination tree of a symmetric pattern, its postorder and the column counts of its Cholesky factor
/// (Davis, "Direct Methods for Sparse Linear Systems", ch. 4). The pattern is given by rows of the strict lower
/// triangle: row i lists the columns j &lt; i with a(i, j) != 0.
/// </summary>
internal static class EliminationTree
{
    /// <summary>
    /// parent[j] = the parent of column j in the elimination tree, -1 for a root. Liu's algorithm with path
    /// compression (virtual ancestors): O(nnz alpha(n)) time, O(n) extra memory.
    /// </summary>
    public static int[] Parents(int n, int[] rowPtr, int[] colIdx)
    {
        var parent = new int[n];
        var ancestor = new int[n];
        for (int k = 0; k < n; k++)
        {
            parent[k] = -1;
            ancestor[k] = -1;
            for (int q = rowPtr[k]; q < rowPtr[k + 1]; q++)
            {
                int i = colIdx[q];
                while (i != -1 && i < k)
                {
                    int next = ancestor[i];
                    ancestor[i] = k;
                    if (next == -1) parent[i] = k;
                    i = next;
                }
            }
        }
        return parent;
    }

    /// <summary>
    /// A postorder of the forest: post[k] = the node visited k-th, children before parents and each subtree's nodes
    /// contiguous; children are visited in increasing order. O(n), iterative (no recursion depth limit).
    /// </summary>
    public static int[] Postorder(int[] parent)
    {
        int n = parent.Length;
        var head = new int[n];
        var next = new int[n];
        var stack = new int[n];
        Array.Fill(head, -1);
        for (int j = n - 1; j >= 0; j--)
        {
            if (parent[j] == -1) continue;
            next[j] = head[parent[j]];
            head[parent[j]] = j;
        }
        var post = new int[n];
        int k = 0;
        for (int root = 0; root < n; root++)
        {
            if (parent[root] != -1) continue;
            int top = 0;
            stack[0] = root;
            while (top >= 0)
            {
                int p = stack[top];
                int child = head[p];
                if (child == -1)
                {
                    top--;
                    post[k++] = p;
                }
                else
                {
                    head[p] = next[child];
                    stack[++top] = child;
                }
            }
        }
        return post;
    }

    /// <summary>
    /// counts[j] = nnz of column j of L (diagonal included), by walking each row's subtree: row i of L is the union of
    /// the tree paths from each j with a(i, j) != 0 up to i, so each visited node's column gains row i.
    /// O(nnz(L)) time, O(n) extra memory.
    /// </summary>
    public static long[] ColumnCounts(int n, int[] parent, int[] rowPtr, int[] colIdx)
    {
        var counts = new long[n];
        var mark = new int[n];
        Array.Fill(mark, -1);
        for (int i = 0; i < n; i++)
        {
            mark[i] = i;
            counts[i]++;
            for (int q = rowPtr[i]; q < rowPtr[i + 1]; q++)
            {
                for (int j = colIdx[q]; j != -1 && mark[j] != i; j = parent[j])
                {
                    counts[j]++;
                    mark[j] = i;
                }
            }
        }
        return counts;
    }
}
