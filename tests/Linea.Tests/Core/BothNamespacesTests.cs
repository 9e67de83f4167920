using System.Numerics.Tensors;

namespace Linea.Tests.Core;

/// <summary>
/// This file opens System.Numerics.Tensors and Linea together: before the rename of Linea's core type to
/// <see cref="NDArray{TScalar}"/>, <c>Tensor</c> was ambiguous here (CS0104) and the file did not compile.
/// </summary>
public class BothNamespacesTests
{
    [Fact]
    public void A_system_tensor_and_an_ndarray_name_their_types_without_qualification()
    {
        Tensor<double> st = Tensor.Create(new double[] { 1, 2, 3, 4 }, [2, 2]);
        NDArray<double> a = NDArray.FromSystemTensor(st);
        var product = a.MatMul(a);                     // [[1 2] [3 4]]^2 = [[7 10] [15 22]]
        Assert.Equal(7.0, product[0, 0]);
        Assert.Equal(22.0, product[1, 1]);
        Assert.Equal(4.0, TensorPrimitives.Max<double>(a.ToArray()));
    }
}
