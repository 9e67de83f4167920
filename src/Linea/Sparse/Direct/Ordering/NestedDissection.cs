using System.Numerics;

namespace Linea;

/// <summary>
/// Nested dissection of the graph of A + A^T (diagonal ignored) by recursive bisection: each connected piece is split
/// by a vertex separator taken from the breadth-first level structure rooted at a pseudo-peripheral vertex (the middle
/// level, thinned to the smaller of its two one-sided covers); the two halves are ordered first, recursively, the
/// separator last. Pieces below <see cref="LeafSize"/> vertices are ordered by <see cref="Amd"/>.
/// O(nnz(A) log n) time, O(nnz(A) + n) memory.
/// </summary>
internal static class NestedDissection
{
    /// <summary>Pieces smaller than this are ordered by AMD.</summary>
    public const int LeafSize = 200;

    /// <summary>The nested dissection permutation of square <paramref name="a"/>: perm[k] = vertex placed k-th.</summary>
    public static int[] Order<T>(SparseMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> =>
        Order(AdjacencyGraph.SymmetricPattern("NestedDissection", a));

    /// <summary>The nested dissection permutation of a symmetric graph without self-loops.</summary>
    public static int[] Order(AdjacencyGraph g) => new Dissector(g).Run();

    /// <summary>
    /// One run. The permutation is built in place: a piece is a segment of <c>verts</c> whose positions are its places
    /// in the final order; splitting rearranges the segment as [half A, half B, separator].
    /// </summary>
    private sealed class Dissector
    {
        private readonly AdjacencyGraph g;
        private readonly int[] verts;
        private readonly int[] piece;  // id of the piece a vertex belongs to now
        private readonly int[] level;  // BFS level within the current piece
        private readonly int[] queue;
        private readonly int[] local;  // vertex -> index within a leaf
        private readonly int[] side;   // 0: half A, 1: half B, 2: separator
        private int nextId;

        public Dissector(AdjacencyGraph g)
        {
            this.g = g;
            int n = g.N;
            verts = FillReducingOrder.Identity(n);
            piece = new int[n];
            level = new int[n];
            queue = new int[n];
            local = new int[n];
            side = new int[n];
        }

        public int[] Run()
        {
            var stack = new Stack<(int Lo, int Hi, int Id)>();
            if (g.N > 0) stack.Push((0, g.N, 0));
            nextId = 1;
            while (stack.Count > 0)
            {
                var (lo, hi, id) = stack.Pop();
                if (hi - lo < LeafSize) { OrderLeaf(lo, hi); continue; }
                // The connected piece holding verts[lo].
                for (int k = lo; k < hi; k++) level[verts[k]] = -1;
                int reached = Bfs(verts[lo], id, out _);
                if (reached < hi - lo)
                {
                    int split = Partition(lo, hi, v => level[v] >= 0 ? 0 : 1, out _);
                    Relabel(lo, split, stack);
                    Relabel(split, hi, stack);
                    continue;
                }
                if (!Bisect(lo, hi, id, out int aEnd, out int bEnd))
                {
                    OrderLeaf(lo, hi);
                    continue;
                }
                Relabel(lo, aEnd, stack);
                Relabel(aEnd, bEnd, stack);
            }
            return verts;
        }

        /// <summary>Gives verts[lo..hi) a fresh piece id and queues it.</summary>
        private void Relabel(int lo, int hi, Stack<(int, int, int)> stack)
        {
            if (hi <= lo) return;
            int id = nextId++;
            for (int k = lo; k < hi; k++) piece[verts[k]] = id;
            stack.Push((lo, hi, id));
        }

        /// <summary>
        /// Breadth-first search inside piece <paramref name="id"/> from <paramref name="root"/>: sets level[] of the
        /// vertices reached, fills queue[] in
        /// visiting order, returns the count and the number of levels.
        /// </summary>
        private int Bfs(int root, int id, out int levels)
        {
            int head = 0, tail = 0;
            queue[tail++] = root;
            // Mark visited by flipping the piece id; restored at the end.
            piece[root] = ~id;
            level[root] = 0;
            int maxLevel = 0;
            while (head < tail)
            {
                int v = queue[head++];
                int lv = level[v];
                for (int p = g.Ptr[v]; p < g.Ptr[v + 1]; p++)
                {
                    int w = g.Adj[p];
                    if (piece[w] != id) continue;
                    piece[w] = ~id;
                    level[w] = lv + 1;
                    if (lv + 1 > maxLevel) maxLevel = lv + 1;
                    queue[tail++] = w;
                }
            }
            for (int k = 0; k < tail; k++) piece[queue[k]] = id;
            levels = maxLevel + 1;
            return tail;
        }

        /// <summary>Stable-enough partition of verts[lo..hi) by key (0 first, then 1, then 2); returns the end of key 0.</summary>
        private int Partition(int lo, int hi, Func<int, int> key, out int end1)
        {
            // Counting sort through queue[] as scratch.
            int c0 = 0, c1 = 0;
            for (int k = lo; k < hi; k++)
            {
                int s = key(verts[k]);
                side[verts[k]] = s;
                if (s == 0) c0++;
                else if (s == 1) c1++;
            }
            int p0 = 0, p1 = c0, p2 = c0 + c1;
            for (int k = lo; k < hi; k++)
            {
                int v = verts[k];
                int s = side[v];
                queue[s == 0 ? p0++ : s == 1 ? p1++ : p2++] = v;
            }
            Array.Copy(queue, 0, verts, lo, hi - lo);
            end1 = lo + c0 + c1;
            return lo + c0;
        }

        /// <summary>
        /// Splits the connected piece verts[lo..hi) into [A, B, separator]. Returns false when the level structure is
        /// too shallow to give a useful separator.
        /// </summary>
        private bool Bisect(int lo, int hi, int id, out int aEnd, out int bEnd)
        {
            int size = hi - lo;
            // Pseudo-peripheral root: restart from a least-degree vertex of the last level while the depth grows.
            int root = verts[lo];
            Bfs(root, id, out int levels);
            for (int tries = 0; tries < 8; tries++)
            {
                int best = -1, bestDegree = int.MaxValue;
                for (int k = size - 1; k >= 0 && level[queue[k]] == levels - 1; k--)
                {
                    int v = queue[k];
                    int d = g.Ptr[v + 1] - g.Ptr[v];
                    if (d < bestDegree) { bestDegree = d; best = v; }
                }
                Bfs(best, id, out int l2);
                if (l2 <= levels) { Bfs(root, id, out levels); break; }
                root = best;
                levels = l2;
            }
            aEnd = bEnd = lo;
            if (levels < 3) return false;

            // The level where half the vertices have been visited.
            var counts = new int[levels];
            for (int k = 0; k < size; k++) counts[level[queue[k]]]++;
            int sep = 0, below = 0;
            while (sep < levels - 1 && below + counts[sep] < size / 2) below += counts[sep++];
            if (sep == 0) sep = 1;
            if (sep == levels - 1) sep = levels - 2;

            // Two candidate separators: vertices of level sep next to level sep + 1, or of level sep + 1 next to sep.
            int lowCover = 0, highCover = 0;
            for (int k = 0; k < size; k++)
            {
                int v = queue[k], lv = level[v];
                if (lv != sep && lv != sep + 1) continue;
                int other = lv == sep ? sep + 1 : sep;
                bool touches = false;
                for (int p = g.Ptr[v]; p < g.Ptr[v + 1] && !touches; p++)
                {
                    int w = g.Adj[p];
                    touches = piece[w] == id && level[w] == other;
                }
                local[v] = touches ? 1 : 0;
                if (touches) { if (lv == sep) lowCover++; else highCover++; }
            }
            int cut = lowCover <= highCover ? sep : sep + 1;
            int split = Partition(lo, hi, v =>
            {
                int lv = level[v];
                if (lv < cut) return 0;
                if (lv > cut) return 1;
                if (local[v] == 1) return 2;
                return cut == sep ? 0 : 1; // a cut-level vertex that does not touch the other side joins its own
            }, out int end1);
            aEnd = split;
            bEnd = end1;
            return true;
        }

        /// <summary>Orders verts[lo..hi) by AMD on the subgraph they induce.</summary>
        private void OrderLeaf(int lo, int hi)
        {
            int m = hi - lo;
            if (m <= 1) return;
            for (int k = 0; k < m; k++) local[verts[lo + k]] = k;
            int leafId = nextId++;
            for (int k = lo; k < hi; k++) piece[verts[k]] = leafId;
            var ptr = new int[m + 1];
            for (int k = 0; k < m; k++)
            {
                int v = verts[lo + k], d = 0;
                for (int p = g.Ptr[v]; p < g.Ptr[v + 1]; p++) if (piece[g.Adj[p]] == leafId) d++;
                ptr[k + 1] = ptr[k] + d;
            }
            var adj = new int[ptr[m]];
            for (int k = 0; k < m; k++)
            {
                int v = verts[lo + k], q = ptr[k];
                for (int p = g.Ptr[v]; p < g.Ptr[v + 1]; p++)
                {
                    int w = g.Adj[p];
                    if (piece[w] == leafId) adj[q++] = local[w];
                }
            }
            var sub = Amd.Order(new AdjacencyGraph(m, ptr, adj));
            for (int k = 0; k < m; k++) queue[k] = verts[lo + sub[k]];
            Array.Copy(queue, 0, verts, lo, m);
            // Vertices of a finished leaf belong to no piece.
            for (int k = lo; k < hi; k++) piece[verts[k]] = -1;
        }
    }
}
