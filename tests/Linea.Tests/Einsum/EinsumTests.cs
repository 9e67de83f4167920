using System.Numerics;
using Linea.TestKit;

namespace Linea.Tests.Einsum;

public class EinsumTests
{
    /// <summary>Subscripts and operand shapes ("5x7" per operand; "s" for a 0-d operand).</summary>
    public static TheoryData<string, string> Patterns => new()
    {
        { "ij,jk->ik", "5x7,7x3" },                       // matmul
        { "ij,jk", "4x6,6x5" },                            // implicit output
        { "ik,jk->ij", "4x6,5x6" },                        // A @ B.T
        { "ji,jk->ik", "6x4,6x5" },                        // A.T @ B
        { "bij,bjk->bik", "3x4x5,3x5x2" }, // batched matmul
        { "bhqd,bhkd->bhqk", "2x3x5x4,2x3x6x4" },          // attention scores
        { "bhqk,bhkd->bhqd", "2x3x5x6,2x3x6x4" },          // attention output
        { "ij->ji", "3x5" },                               // transpose
        { "ijk->kij", "2x3x4" },
        { "ba", "3x4" },                                   // implicit: alphabetical output transposes
        { "ii", "5x5" },                                   // trace
        { "ii->i", "4x4" },                                // diagonal
        { "iij->ji", "3x3x4" },
        { "iii->i", "3x3x3" },
        { "ij->", "4x5" },                                 // total sum
        { "ij->i", "4x5" },
        { "i,j->ij", "4,3" },                              // outer product
        { "ij,kl->ijkl", "2x3,3x2" },
        { "i,i->", "7,7" },                                // dot
        { "bi,bi->b", "5x6,5x6" },                         // batched dot
        { "ij,ij->ij", "3x4,3x4" },                        // Hadamard
        { "i,i,i->i", "5,5,5" },
        { "i,ij,j->", "5,5x6,6" },                         // bilinear form
        { "ij,ji->", "4x5,5x4" },                          // trace of a product
        { "ij,jk,ki->", "3x4,4x5,5x3" },                   // trace of a triple product
        { "ij,jk,kl->il", "4x30,30x5,5x20" },              // chain, path order matters
        { "ab,bc,cd,de->ae", "3x20,20x4,4x25,25x2" },      // chain of 4
        { "ea,fb,abcd,gc,hd->efgh", "2x3,2x4,3x4x2x3,3x2,2x3" }, // opt_einsum's example
        { "ijk,jil->kl", "3x4x5,4x3x2" },
        { "aB,Bc", "3x4,4x2" },                            // capitals sort before lower case
        { "Ba,aC", "3x4,4x2" },
        { "...ij,...jk->...ik", "2x1x3x4,5x4x2" },         // ellipsis broadcasting
        { "...ij,...jk", "2x3x4,2x4x3" },                  // implicit with ellipsis
        { "i...,i...->...", "4x2x3,4x1x3" },
        { "...ii->...i", "2x3x3" },
        { "ij...,jk->ik...", "2x3x4,3x2" },
        { "ij,ij->ij", "1x3,4x3" },                        // size-1 broadcasting of a letter
        { "ij,jk->ik", "1x3,3x2" },
        { "ij,jk->ik", "3x1,4x2" },                        // summed letter of length 1 against 4
        { "ij,jk->ik", "0x3,3x4" },                        // empty dimensions
        { "ij,jk->ik", "3x0,0x4" },                        // empty sum: zeros
        { "ij,jk,kl->il", "2x0,0x3,3x2" },
        { "i,->i", "4,s" },                                // 0-d operand
        { ",->", "s,s" },
        { "", "s" },
        { "ij,k->k", "3x4,5" },                           // an operand summed to a scalar before the product
        { "ij,k->", "3x4,5" },
        { "iij,j->i", "3x3x4,4" },
        { "ii,i->i", "3x3,1" },
        { "abc,cd,bd->ad", "3x4x5,5x6,4x6" },              // a batch index (d) shared by two pairs
        { "ab,ab,ab->", "3x4,3x4,3x4" },
    };

    private static NDArray<T>[] Operands<T>(string shapes, ulong seed) where T : unmanaged, IFloatingPointIeee754<T> =>
        shapes.Split(',').Select((s, p) => Generators.Normal<T>(
            s == "s" ? [] : s.Split('x').Select(int.Parse).ToArray(), seed + (ulong)p)).ToArray();

    private static void CheckAgainstReference<T>(string subscripts, NDArray<T>[] operands) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (expected, abs, shape, terms) = EinsumReference.Evaluate(subscripts, operands);
        var actual = NDArray.Einsum(subscripts, operands);
        Assert.Equal(new Shape(shape), actual.Shape);
        Assert.True(actual.IsContiguous);
        // each output element is a sum of `terms` products of n factors; any evaluation order (pairwise, blocked)
        // stays within gamma(terms + n) * sum |products| (Higham, Accuracy and Stability, 3.1 and 3.5)
        double c = 2.0 * (terms + operands.Length) * NumAssert.Eps<T>();
        var bound = abs.Select(x => c * x).ToArray();
        NumAssert.WithinBounds(expected, actual.ToArray().Select(double.CreateTruncating).ToArray(), bound, $"einsum('{subscripts}')");
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Double_matches_the_nested_loop_definition(string subscripts, string shapes) =>
        CheckAgainstReference(subscripts, Operands<double>(shapes, 11));

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Float_matches_the_nested_loop_definition(string subscripts, string shapes) =>
        CheckAgainstReference(subscripts, Operands<float>(shapes, 23));

    [Fact]
    public void Transposed_sliced_and_broadcast_views_are_read_in_place()
    {
        var a = Generators.Normal<double>([6, 8], 1).T;                 // (8, 6), strides (1, 8)
        var b = Generators.Normal<double>([9, 10], 2)["1:7, ::2"]; // (6, 5), strided
        var c = Generators.Normal<double>([5], 3).BroadcastTo(4, 5);     // stride-0 rows
        CheckAgainstReference("ij,jk,lk->il", [a, b, c]);
        CheckAgainstReference("ij,jk->ik", [a, b]);
        var s = Generators.Normal<double>([3, 4, 5, 6], 4).Transpose(2, 0, 3, 1); // (5, 3, 6, 4)
        var t = Generators.Normal<double>([3, 4, 6, 2], 5);
        CheckAgainstReference("kbdh,bhdq->bhkq", [s, t]);
    }

    [Fact]
    public void Small_integers_give_exact_products_by_hand()
    {
        var a = NDArray.FromArray(new double[,] { { 1, 2 }, { 3, 4 } });
        var b = NDArray.FromArray(new double[,] { { 5, 6 }, { 7, 8 } });
        NumAssert.Equal([19.0, 22, 43, 50], NDArray.Einsum("ij,jk->ik", a, b));
        NumAssert.Equal([5.0], NDArray.Einsum("ii", a));                     // trace
        NumAssert.Equal([1.0, 4], NDArray.Einsum("ii->i", a));              // diagonal
        NumAssert.Equal([1.0, 3, 2, 4], NDArray.Einsum("ij->ji", a));
        NumAssert.Equal([3.0, 7], NDArray.Einsum("ij->i", a));
        var x = NDArray.FromArray(new double[] { 1, -1 });
        NumAssert.Equal([(1 - 2 - 3 + 4) * 1.0], NDArray.Einsum("i,ij,j->", x, a, x)); // x^T A x
        Assert.Equal(0, NDArray.Einsum("ii", a).Rank);
    }

    [Fact]
    public void Result_is_a_new_tensor_even_when_nothing_is_computed()
    {
        var a = NDArray.FromArray(new double[,] { { 1, 2 }, { 3, 4 } });
        var r = NDArray.Einsum("ij->ij", a);
        r[0, 0] = 100;
        Assert.Equal(1.0, a[0, 0]);
        var d = NDArray.Einsum("ii->i", a);
        d[0] = 100;
        Assert.Equal(1.0, a[0, 0]);
    }

    [Fact]
    public void Chain_is_contracted_in_the_cheap_order()
    {
        var a = NDArray.Zeros<double>(10, 1000);
        var b = NDArray.Zeros<double>(1000, 10);
        var c = NDArray.Zeros<double>(10, 1000);
        var path = NDArray.EinsumPath("ij,jk,kl->il", a, b, c);
        Assert.Equal([(0, 1), (0, 1)], path.Path);                   // (A B) first: a 10 x 10 intermediate
        Assert.Equal(3e8, path.NaiveFlops);                            // 10·1000·10·1000 · (2 + 1), as numpy.einsum_path
        Assert.Equal(4e5, path.OptimizedFlops);                        // 2·10·1000·10 + 2·10·10·1000
        Assert.Equal(1e4, path.LargestIntermediate);                   // the 10 x 1000 result, as numpy.einsum_path counts it
        Assert.Equal(new Shape(10, 1000), path.OutputShape);
        Assert.Equal("ij,jk->ik", path.Steps[0]);
        Assert.Contains("Optimized FLOP count:  4.000e+05", path.ToString(), StringComparison.Ordinal);

        // the mirror image: (B C) first
        var mirror = NDArray.EinsumPath("ij,jk,kl->il", NDArray.Zeros<double>(1000, 10), NDArray.Zeros<double>(10, 1000), NDArray.Zeros<double>(1000, 10));
        Assert.Equal((1, 2), mirror.Path[0]);
        Assert.Equal(4e5, mirror.OptimizedFlops);
    }

    [Fact]
    public void Chain_result_matches_the_product_in_either_order()
    {
        var a = Generators.Normal<double>([10, 200], 7);
        var b = Generators.Normal<double>([200, 10], 8);
        var c = Generators.Normal<double>([10, 200], 9);
        var viaEinsum = NDArray.Einsum("ij,jk,kl->il", a, b, c);
        var viaMatMul = a.MatMul(b).MatMul(c);
        var diff = (viaEinsum - viaMatMul).ToArray().Max(Math.Abs);
        var scale = NDArray.Einsum("ij,jk,kl->il", NDArray.Abs(a), NDArray.Abs(b), NDArray.Abs(c)).ToArray().Max();
        Assert.True(diff <= 2 * 220 * NumAssert.Eps<double>() * scale, $"diff {diff}, scale {scale}");
    }

    [Fact]
    public void Greedy_path_matches_numpys_on_opt_einsums_example()
    {
        // numpy 1.24: np.einsum_path("ea,fb,abcd,gc,hd->efgh", ..., optimize="greedy") with every axis of length 10
        var ops = new[] { new long[] { 10, 10 }, [10, 10], [10, 10, 10, 10], [10, 10], [10, 10] }.Select(d => NDArray.Zeros<double>(d)).ToArray();
        Assert.Equal([(0, 2), (0, 3), (0, 2), (0, 1)], NDArray.EinsumPath("ea,fb,abcd,gc,hd->efgh", ops).Path);
        // and on a chain of four: ij,jk,kl,lm with (5,100) (100,7) (7,300) (300,4) gives [(2, 3), (0, 1), (0, 1)]
        var chain = new[] { new long[] { 5, 100 }, [100, 7], [7, 300], [300, 4] }.Select(d => NDArray.Zeros<double>(d)).ToArray();
        Assert.Equal([(2, 3), (0, 1), (0, 1)], NDArray.EinsumPath("ij,jk,kl,lm->im", chain).Path);
    }

    [Fact]
    public void Outer_products_of_disjoint_operands_go_smallest_first()
    {
        var path = NDArray.EinsumPath("i,j,k->ijk", NDArray.Zeros<double>(50), NDArray.Zeros<double>(2), NDArray.Zeros<double>(3));
        Assert.Equal((1, 2), path.Path[0]);
    }
}
