using System.Numerics;

namespace Linea;

/// <summary>
/// Approximate minimum degree ordering (Amestoy, Davis and Duff, 1996) of the graph of A + A^T, diagonal ignored.
/// The elimination runs on a quotient graph (eliminated vertices become elements that absorb the elements they touch),
/// scores each vertex with the approximate external degree bound, merges indistinguishable vertices into
/// supervariables found by hashing, absorbs elements aggressively, eliminates whole supervariables at once (mass
/// elimination), and sets dense rows (more than max(16, 10 sqrt(n)) neighbours) aside to be ordered last.
/// The result is postordered along the assembly tree. Time is close to O(nnz(A)) in practice; memory O(nnz(A) + n).
/// </summary>
internal static class Amd
{
    /// <summary>The AMD permutation of square <paramref name="a"/>: perm[k] = vertex eliminated k-th.</summary>
    public static int[] Order<T>(SparseMatrix<T> a) where T : unmanaged, IFloatingPointIeee754<T> =>
        Order(AdjacencyGraph.SymmetricPattern("Amd", a));

    /// <summary>The AMD permutation of a symmetric graph without self-loops.</summary>
    public static int[] Order(AdjacencyGraph g)
    {
        int n = g.N;
        if (n == 0) return [];
        var w = AmdWorkspace.ForGraph(g);
        w.Eliminate((int)Math.Min(n - 2, Math.Max(16.0, 10.0 * Math.Sqrt(n))));
        return w.Postorder();
    }

    /// <summary>
    /// Minimum degree on the graph whose cliques are given as elements: variables 0..n-1, element e (0..m-1) holding the
    /// variables <c>members[elemPtr[e]..elemPtr[e+1]]</c> (distinct, at least two each). This orders the pattern of
    /// sum over e of (clique e) without forming it: with the rows of A as elements, the pattern of A^T A (COLAMD's
    /// setting). No variable is treated as dense. Returns perm[k] = variable eliminated k-th.
    /// </summary>
    public static int[] OrderCliques(int n, int m, int[] elemPtr, int[] members)
    {
        if (n == 0) return [];
        var w = AmdWorkspace.ForCliques(n, m, elemPtr, members);
        w.Eliminate(int.MaxValue);
        return w.Postorder();
    }

    /// <summary>Flips an index into the negative range (and back): -i - 2, so -1 stays free as "none".</summary>
    internal static int Flip(int i) => -i - 2;

    /// <summary>The quotient graph and the degree lists of one AMD run.</summary>
    private sealed class AmdWorkspace
    {
        private readonly int n;      // variables 0..n-1
        private readonly int nodes;  // variables and initial elements; node `nodes` holds the dense variables
        private int[] iw;            // lists: for a variable, its elements first (elen of them), then its variables
        private readonly int[] pe;   // start of a live list; Flip(parent) once absorbed or merged; -1 for a root element
        private readonly int[] len;  // list length
        private readonly int[] elen; // variables: number of elements in the list; -1 merged or absorbed; -2 element
        private readonly int[] nv;   // supervariable size (0 when not principal; negated while in the pivot element)
        private readonly int[] degree; // variables: approximate external degree; elements: weighted size |Le|
        private readonly int[] head, next, last; // degree lists (last doubles as the hash of a variable in Lk)
        private readonly int[] hhead; // hash buckets
        private readonly int[] wmark; // w: marks for variables, |Le \ Lk| + mark for elements, 0 for dead elements
        private int cnz; // first free entry of iw

        private AmdWorkspace(int n, int m, int used)
        {
            this.n = n;
            nodes = n + m;
            iw = new int[Math.Max(used + used / 5 + 2 * nodes, 1)];
            cnz = used;
            int size = nodes + 1;
            pe = new int[size];
            len = new int[size];
            elen = new int[size];
            nv = new int[size];
            degree = new int[size];
            head = new int[size];
            next = new int[size];
            last = new int[size];
            hhead = new int[size];
            wmark = new int[size];
        }

        /// <summary>A plain graph: every vertex a variable whose list holds its neighbours.</summary>
        public static AmdWorkspace ForGraph(AdjacencyGraph g)
        {
            int n = g.N, nnz = g.EdgeCount;
            var w = new AmdWorkspace(n, 0, nnz);
            Array.Copy(g.Adj, w.iw, nnz);
            for (int i = 0; i < n; i++)
            {
                w.pe[i] = g.Ptr[i];
                w.len[i] = g.Ptr[i + 1] - g.Ptr[i];
                w.degree[i] = w.len[i];
            }
            return w;
        }

        /// <summary>Variables with element lists only; elements n..n+m-1 with their variables.</summary>
        public static AmdWorkspace ForCliques(int n, int m, int[] elemPtr, int[] members)
        {
            int nnz = elemPtr[m];
            var w = new AmdWorkspace(n, m, 2 * nnz);
            var count = new int[n];
            foreach (int v in members) count[v]++;
            int q = 0;
            for (int i = 0; i < n; i++) { w.pe[i] = q; w.len[i] = 0; w.elen[i] = count[i]; q += count[i]; }
            var degree = new long[n];
            for (int e = 0; e < m; e++)
            {
                int size = elemPtr[e + 1] - elemPtr[e];
                for (int p = elemPtr[e]; p < elemPtr[e + 1]; p++)
                {
                    int v = members[p];
                    w.iw[w.pe[v] + w.len[v]++] = n + e;
                    degree[v] += size - 1;
                }
                int node = n + e;
                w.pe[node] = q;
                w.len[node] = size;
                w.degree[node] = size;
                w.lemax = Math.Max(w.lemax, size); // marks must clear past every element's size
                Array.Copy(members, elemPtr[e], w.iw, q, size);
                q += size;
            }
            for (int i = 0; i < n; i++) w.degree[i] = (int)Math.Min(degree[i], Math.Max(n - 1, 0));
            return w;
        }

        private int nel;   // number of vertices eliminated so far
        private int mark;  // current mark value
        private int lemax; // largest element seen

        private int ClearMarks(int m)
        {
            if (m < 2 || m >= int.MaxValue - lemax - 2)
            {
                for (int k = 0; k < nodes; k++) if (wmark[k] != 0) wmark[k] = 1;
                m = 2;
            }
            return m;
        }

        private void Link(int i, int d)
        {
            int h = head[d];
            if (h != -1) last[h] = i;
            next[i] = h;
            last[i] = -1;
            head[d] = i;
        }

        private void Unlink(int i, int d)
        {
            if (next[i] != -1) last[next[i]] = last[i];
            if (last[i] != -1) next[last[i]] = next[i];
            else head[d] = next[i];
        }

        /// <summary>Runs the elimination; variables with more than <paramref name="dense"/> neighbours are set aside.</summary>
        public void Eliminate(int dense)
        {
            // Node `nodes` stands for the dense variables: they hang off it and are ordered last.
            Array.Fill(head, -1);
            Array.Fill(next, -1);
            Array.Fill(last, -1);
            Array.Fill(hhead, -1);
            Array.Fill(nv, 1);
            Array.Fill(wmark, 1);
            pe[nodes] = -1; len[nodes] = 0; elen[nodes] = -2; nv[nodes] = 0; wmark[nodes] = 0;
            for (int e = n; e < nodes; e++) elen[e] = -2;
            mark = ClearMarks(0);
            for (int i = 0; i < n; i++)
            {
                int d = degree[i];
                if (d == 0)
                {
                    // Isolated: an element at once, ordered with the roots.
                    elen[i] = -2; nel++; pe[i] = -1; wmark[i] = 0;
                }
                else if (d > dense)
                {
                    // Dense: absorbed into the placeholder node, ordered last.
                    nv[nodes]++; nv[i] = 0; elen[i] = -1; nel++; pe[i] = Flip(nodes);
                }
                else
                {
                    Link(i, d);
                }
            }

            int mindeg = 0;
            while (nel < n)
            {
                // 1. The pivot: a variable of least approximate degree.
                int k = -1;
                for (; mindeg < n && (k = head[mindeg]) == -1; mindeg++) { }
                if (next[k] != -1) last[next[k]] = -1;
                head[mindeg] = next[k];
                int elenk = elen[k], nvk = nv[k];
                nel += nvk;

                // 2. Room for the new element (its size is at most mindeg entries).
                if (elenk > 0 && cnz + mindeg >= iw.Length) Compact(mindeg);

                // 3. Build the new element Lk from k's elements and variables; absorb those elements.
                int dk = 0;
                nv[k] = -nvk;
                int p = pe[k];
                int pk1 = elenk == 0 ? p : cnz, pk2 = pk1;
                for (int k1 = 1; k1 <= elenk + 1; k1++)
                {
                    int e, pj, ln;
                    if (k1 > elenk) { e = k; pj = p; ln = len[k] - elenk; }
                    else { e = iw[p++]; pj = pe[e]; ln = len[e]; }
                    for (int k2 = 1; k2 <= ln; k2++)
                    {
                        int i = iw[pj++];
                        int nvi = nv[i];
                        if (nvi <= 0) continue; // already in Lk, or not principal
                        dk += nvi;
                        nv[i] = -nvi;
                        iw[pk2++] = i;
                        Unlink(i, degree[i]);
                    }
                    if (e != k) { pe[e] = Flip(k); wmark[e] = 0; }
                }
                if (elenk != 0) cnz = pk2;
                degree[k] = dk;
                pe[k] = pk1;
                len[k] = pk2 - pk1;
                elen[k] = -2;

                // 4. |Le \ Lk| for every element e next to a variable of Lk, kept as wmark[e] - mark.
                mark = ClearMarks(mark);
                for (int pk = pk1; pk < pk2; pk++)
                {
                    int i = iw[pk];
                    int eln = elen[i];
                    if (eln <= 0) continue;
                    int nvi = -nv[i];
                    int wnvi = mark - nvi;
                    for (p = pe[i]; p <= pe[i] + eln - 1; p++)
                    {
                        int e = iw[p];
                        if (wmark[e] >= mark) wmark[e] -= nvi;
                        else if (wmark[e] != 0) wmark[e] = degree[e] + wnvi;
                    }
                }

                // 5. Approximate degrees, aggressive absorption, mass elimination, hashes.
                for (int pk = pk1; pk < pk2; pk++)
                {
                    int i = iw[pk];
                    int p1 = pe[i], p2 = p1 + elen[i] - 1, pn = p1;
                    uint h = 0;
                    int d = 0;
                    for (p = p1; p <= p2; p++)
                    {
                        int e = iw[p];
                        if (wmark[e] == 0) continue; // dead element
                        int dext = wmark[e] - mark;
                        if (dext > 0)
                        {
                            d += dext;
                            iw[pn++] = e;
                            h += (uint)e;
                        }
                        else
                        {
                            pe[e] = Flip(k); // Le is inside Lk: absorb it
                            wmark[e] = 0;
                        }
                    }
                    elen[i] = pn - p1 + 1;
                    int p3 = pn, p4 = p1 + len[i];
                    for (p = p2 + 1; p < p4; p++)
                    {
                        int j = iw[p];
                        int nvj = nv[j];
                        if (nvj <= 0) continue; // in Lk or not principal
                        d += nvj;
                        iw[pn++] = j;
                        h += (uint)j;
                    }
                    if (d == 0)
                    {
                        // Mass elimination: i is adjacent to nothing outside Lk.
                        pe[i] = Flip(k);
                        int nvi = -nv[i];
                        dk -= nvi;
                        nvk += nvi;
                        nel += nvi;
                        nv[i] = 0;
                        elen[i] = -1;
                    }
                    else
                    {
                        degree[i] = Math.Min(degree[i], d);
                        iw[pn] = iw[p3]; // first variable to the end
                        iw[p3] = iw[p1]; // first element to the end of the elements
                        iw[p1] = k;      // the new element first
                        len[i] = pn - p1 + 1;
                        int hb = (int)(h % (uint)n);
                        next[i] = hhead[hb];
                        hhead[hb] = i;
                        last[i] = hb;
                    }
                }
                degree[k] = dk;
                lemax = Math.Max(lemax, dk);
                mark = ClearMarks(mark + lemax);

                // 6. Supervariables: variables of Lk with identical lists merge.
                for (int pk = pk1; pk < pk2; pk++)
                {
                    int i = iw[pk];
                    if (nv[i] >= 0) continue;
                    int hb = last[i];
                    i = hhead[hb];
                    hhead[hb] = -1;
                    for (; i != -1 && next[i] != -1; i = next[i], mark++)
                    {
                        int ln = len[i], eln = elen[i];
                        for (p = pe[i] + 1; p <= pe[i] + ln - 1; p++) wmark[iw[p]] = mark;
                        int jlast = i;
                        for (int j = next[i]; j != -1;)
                        {
                            bool same = len[j] == ln && elen[j] == eln;
                            for (p = pe[j] + 1; same && p <= pe[j] + ln - 1; p++)
                                if (wmark[iw[p]] != mark) same = false;
                            if (same)
                            {
                                pe[j] = Flip(i);
                                nv[i] += nv[j];
                                nv[j] = 0;
                                elen[j] = -1;
                                j = next[j];
                                next[jlast] = j;
                            }
                            else
                            {
                                jlast = j;
                                j = next[j];
                            }
                        }
                    }
                }

                // 7. Finish Lk: final degrees, back into the degree lists, drop merged variables from Lk.
                p = pk1;
                for (int pk = pk1; pk < pk2; pk++)
                {
                    int i = iw[pk];
                    int nvi = -nv[i];
                    if (nvi <= 0) continue;
                    nv[i] = nvi;
                    int d = degree[i] + dk - nvi;
                    d = Math.Min(d, n - nel - nvi);
                    Link(i, d);
                    mindeg = Math.Min(mindeg, d);
                    degree[i] = d;
                    iw[p++] = i;
                }
                nv[k] = nvk;
                if ((len[k] = p - pk1) == 0) { pe[k] = -1; wmark[k] = 0; }
                if (elenk != 0) cnz = p;
            }
        }

        /// <summary>Garbage collection: squeezes the live lists to the front of iw (grows it if that is not enough).</summary>
        private void Compact(int need)
        {
            for (int j = 0; j < nodes; j++)
            {
                int p = pe[j];
                if (p < 0) continue;
                pe[j] = iw[p];
                iw[p] = Flip(j);
            }
            int q = 0;
            for (int p = 0; p < cnz;)
            {
                int j = Flip(iw[p++]);
                if (j < 0) continue;
                iw[q] = pe[j];
                pe[j] = q++;
                for (int t = 0; t < len[j] - 1; t++) iw[q++] = iw[p++];
            }
            cnz = q;
            if (cnz + need >= iw.Length) Array.Resize(ref iw, Math.Max(2 * iw.Length, cnz + need + nodes + 1));
        }

        /// <summary>The elimination order: a postorder of the assembly tree (elements, with the merged variables before
        /// their representative and the dense ones under node n, last).</summary>
        public int[] Postorder()
        {
            var parent = pe;
            for (int i = 0; i < nodes; i++) parent[i] = Flip(parent[i]);
            parent[nodes] = -1;
            var child = head; // first child
            var sibling = next;
            Array.Fill(child, -1);
            Array.Fill(sibling, -1);
            for (int j = nodes; j >= 0; j--)
            {
                if (nv[j] > 0 || parent[j] == -1) continue; // elements later; roots have no parent
                sibling[j] = child[parent[j]];
                child[parent[j]] = j;
            }
            for (int e = nodes; e >= 0; e--)
            {
                if (nv[e] <= 0 || parent[e] == -1) continue;
                sibling[e] = child[parent[e]];
                child[parent[e]] = e;
            }
            var order = new int[nodes + 1];
            var stack = last;
            int k = 0;
            for (int r = 0; r <= nodes; r++)
            {
                if (parent[r] != -1) continue;
                // Iterative depth-first postorder from root r.
                int top = 0;
                stack[0] = r;
                while (top >= 0)
                {
                    int v = stack[top];
                    int c = child[v];
                    if (c == -1)
                    {
                        top--;
                        order[k++] = v;
                    }
                    else
                    {
                        child[v] = sibling[c];
                        stack[++top] = c;
                    }
                }
            }
            // Keep the variables: drop the initial elements and the dense placeholder (a root holding the dense ones).
            var perm = new int[n];
            int m = 0;
            for (int t = 0; t < k; t++) if (order[t] < n) perm[m++] = order[t];
            return perm;
        }
    }
}
