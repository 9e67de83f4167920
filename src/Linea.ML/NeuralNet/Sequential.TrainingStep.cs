using System.Numerics;

namespace Linea.ML.NeuralNet;

public sealed partial class Sequential<T>
{
    /// <summary>
    /// One minibatch step of the in-memory Fit (gather the rows, forward, loss, backward to the parameter gradients)
    /// with every per-batch tensor in a buffer reused across batches: the gathered rows and targets here, each layer's
    /// outputs and input gradients in the layer (Layer.ReuseBuffers, switched on during each step) and the loss gradient through Loss.ValueAndGradient. Disposing drops the buffers, so a fitted network holds only its parameters and optimizer state.
    /// </summary>
    private sealed class TrainingStep : IDisposable
    {
        private readonly Sequential<T> _net;
        private readonly NDArray<T> _x, _y;
        private readonly NDArray<T> _xb, _yb;
        private NDArray<T>? _grad;

        public TrainingStep(Sequential<T> net, NDArray<T> x, NDArray<T> y, int batch)
        {
            _net = net;
            _x = x.Contiguous();
            _y = y.Contiguous();
            var xs = x.Shape.ToArray();
            xs[0] = batch;
            var ys = y.Shape.ToArray();
            ys[0] = batch;
            _xb = NDArray.Empty<T>(new Shape(xs));
            _yb = NDArray.Empty<T>(new Shape(ys));
        }

        /// <summary>Runs the step on the rows <paramref name="idx"/>; returns the loss summed over them (mean times count)
        /// and, for classification losses, how many rows the network's output classified correctly.</summary>
        public (double Loss, long Correct) Run(ReadOnlySpan<int> idx)
        {
            var xb = Gather(_x, _xb, idx);
            var yb = Gather(_y, _yb, idx);
            // Reuse only inside the step: outputs handed to callers between steps (validation, onEpoch) stay fresh.
            SetReuse(true);
            try
            {
                var output = _net.Forward(xb, training: true);
                var (loss, gradient, correct) = _net.Loss.ValueAndGradient(output, yb, ref _grad);
                _net.BackwardParameters(gradient);
                return (double.CreateTruncating(loss) * idx.Length, correct);
            }
            finally { SetReuse(false); }
        }

        /// <summary>The rows <paramref name="idx"/> of <paramref name="source"/> copied into the first rows of <paramref name="buffer"/>.</summary>
        private static NDArray<T> Gather(NDArray<T> source, NDArray<T> buffer, ReadOnlySpan<int> idx)
        {
            int width = source.Shape[0] == 0 ? 0 : (int)(source.Size / source.Shape[0]);
            var s = source.AsReadOnlySpan();
            var d = buffer.AsSpan();
            for (int i = 0; i < idx.Length; i++) s.Slice(idx[i] * width, width).CopyTo(d.Slice(i * width, width));
            return idx.Length == buffer.Shape[0] ? buffer : buffer[..idx.Length];
        }

        private void SetReuse(bool on)
        {
            foreach (var l in _net._layers) l.ReuseBuffers = on;
        }

        /// <summary>Drops every layer's buffers and what its last forward kept (views of those buffers), so that a
        /// backward after Fit asks for a forward.</summary>
        public void Dispose()
        {
            foreach (var l in _net._layers)
            {
                l.ReleaseBuffers();
                l.ForgetActivations();
            }
        }
    }
}
