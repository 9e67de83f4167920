namespace Linea;

/// <summary>
/// A maximum matching of columns to rows in the bipartite graph of a sparse pattern (Duff's MC21: a depth-first search
/// for an augmenting path per column, with a cheap assignment that scans each column's rows once over the whole run).
/// Time O(n nnz) in the worst case, usually close to O(nnz); memory O(n); no recursion.
/// </summary>
internal static class MaximumTransversal
{
    /// <summary>rowOfColumn[j]: the row matched to column j, or -1; <paramref name="rank"/>: the number matched (the structural rank).</summary>
    public static int[] Match(int n, long[] ptr, int[] idx, out int rank)
    {
        var rowOfColumn = new int[n];
        var columnOfRow = new int[n];
        Array.Fill(rowOfColumn, -1);
        Array.Fill(columnOfRow, -1);
        var cheap = new long[n];
        for (int j = 0; j < n; j++) cheap[j] = ptr[j];
        var visited = new int[n];
        Array.Fill(visited, -1);
        var cols = new int[n];
        var via = new int[n];
        var next = new long[n];
        rank = 0;
        for (int start = 0; start < n; start++)
        {
            int head = 0, free = -1;
            cols[0] = start;
            next[0] = ptr[start];
            visited[start] = start;
            while (head >= 0)
            {
                int j = cols[head];
                for (; cheap[j] < ptr[j + 1]; cheap[j]++)
                {
                    int i = idx[cheap[j]];
                    if (columnOfRow[i] < 0) { free = i; break; }
                }
                if (free >= 0) break;
                bool deeper = false;
                for (; next[head] < ptr[j + 1]; next[head]++)
                {
                    int i = idx[next[head]];
                    int jj = columnOfRow[i];
                    if (visited[jj] == start) continue;
                    visited[jj] = start;
                    next[head]++;
                    via[head] = i;
                    head++;
                    cols[head] = jj;
                    next[head] = ptr[jj];
                    deeper = true;
                    break;
                }
                if (!deeper) head--;
            }
            if (free < 0) continue;
            // augment: the last column takes the free row, each earlier one the row its successor held
            columnOfRow[free] = cols[head];
            rowOfColumn[cols[head]] = free;
            for (int h = head - 1; h >= 0; h--)
            {
                columnOfRow[via[h]] = cols[h];
                rowOfColumn[cols[h]] = via[h];
            }
            rank++;
        }
        return rowOfColumn;
    }
}
