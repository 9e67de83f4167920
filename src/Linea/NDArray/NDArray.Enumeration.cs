using System.Collections;
using System.Numerics;

namespace Linea;

/// <remarks>
/// Enumeration: a tensor enumerates its <b>elements</b> in C (row-major) order, whatever its strides (views of any
/// layout, transposed or reversed, enumerate in their logical order). NumPy differs: iterating over an array yields its
/// sub-arrays along the first axis, which <see cref="Rows"/> gives.
/// </remarks>
public sealed partial class NDArray<TScalar> : IEnumerable<TScalar>
{
    /// <summary>
    /// An enumerator over the elements in C order, for <c>foreach</c> without allocation (a strided view of rank 2 or
    /// more allocates one index array). O(1) per element. The elements are read as enumerated, so writes to the tensor
    /// during enumeration show. Enumerating a disposed native tensor throws <see cref="ObjectDisposedException"/>.
    /// </summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<TScalar> IEnumerable<TScalar>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The sub-tensors along the first axis, as NumPy's <c>for row in a</c> yields them: views of rank
    /// <c>Rank - 1</c> that share this tensor's storage (writes reach it), <c>Shape[0]</c> of them. O(rank) time and
    /// memory per view; lazy.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor is 0-d (NumPy: iteration over a 0-d array).</exception>
    public IEnumerable<NDArray<TScalar>> Rows()
    {
        if (Rank == 0) throw new InvalidOperationException($"rows: a 0-d tensor has no first axis to iterate over (shape {Shape})");
        return RowsOf(this);

        static IEnumerable<NDArray<TScalar>> RowsOf(NDArray<TScalar> t)
        {
            long[] dims = t.Dims[1..], strides = t.StrideArray[1..];
            for (long i = 0; i < t.Dims[0]; i++)
                yield return new NDArray<TScalar>(t.Store, t.Offset + i * t.StrideArray[0], dims, strides, t.ReadOnlyView);
        }
    }

    /// <summary>Walks a tensor's elements in C order (see <see cref="GetEnumerator"/>).</summary>
    public struct Enumerator : IEnumerator<TScalar>
    {
        private readonly NDArray<TScalar> _tensor;
        private readonly long _size;
        private readonly bool _linear;
        private long _count;
        private long _position;
        private long[]? _index;

        internal Enumerator(NDArray<TScalar> tensor)
        {
            _tensor = tensor;
            _size = tensor.Size;
            _linear = tensor.IsContiguous || tensor.Rank <= 1;
            _count = 0;
            _position = 0;
            _index = null;
        }

        /// <summary>The element at the enumerator's position.</summary>
        public readonly TScalar Current => _tensor.Store.At(_position);

        readonly object IEnumerator.Current => Current;

        /// <summary>Advances to the next element in C order; false after the last.</summary>
        public bool MoveNext()
        {
            if (_count >= _size) return false;
            if (_count == 0) _position = _tensor.Offset;
            else if (_linear) _position += _tensor.Rank == 0 ? 0 : (_tensor.IsContiguous ? 1 : _tensor.StrideArray[0]);
            else Advance();
            _count++;
            return true;
        }

        /// <summary>The odometer step of a strided view: the last axis moves fastest.</summary>
        private void Advance()
        {
            var dims = _tensor.Dims;
            var strides = _tensor.StrideArray;
            _index ??= new long[dims.Length];
            for (int axis = dims.Length - 1; axis >= 0; axis--)
            {
                _position += strides[axis];
                if (++_index[axis] < dims[axis]) return;
                _position -= strides[axis] * dims[axis];
                _index[axis] = 0;
            }
        }

        /// <summary>Back to before the first element.</summary>
        public void Reset()
        {
            _count = 0;
            _position = 0;
            if (_index is not null) Array.Clear(_index);
        }

        /// <summary>Nothing to release.</summary>
        public readonly void Dispose() { }
    }
}
