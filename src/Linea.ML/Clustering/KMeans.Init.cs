namespace Linea.ML.Clustering;

public sealed partial class KMeans<T>
{
    /// <summary>
    /// Clusters the rows of <paramref name="x"/> by one run of Lloyd's algorithm from the given centres (scikit-learn's
    /// <c>KMeans(init=centres, n_init=1)</c>): no k-means++ seeding, so <see cref="NInit"/> and <see cref="Seed"/> do not
    /// apply. The stopping rules and the relocation of empty clusters are those of <see cref="Fit(Tensor{T})"/>.
    /// Cost O(iterations · n · k · d); memory O(n d) for a double copy of x.
    /// </summary>
    /// <param name="x">Samples, shape (n, features), n ≥ k, finite.</param>
    /// <param name="initialCentres">Starting centres, shape (k, features), finite; not modified.</param>
    /// <returns>This estimator, fitted.</returns>
    /// <exception cref="ShapeMismatchException">x is not 2-d, or the centres are not (k, features).</exception>
    /// <exception cref="ArgumentException">Fewer samples than clusters.</exception>
    /// <exception cref="NonFiniteException">x or the centres contain NaN or infinity.</exception>
    public KMeans<T> FitFromCentres(Tensor<T> x, Tensor<T> initialCentres)
    {
        ArgumentNullException.ThrowIfNull(initialCentres);
        Guard.Matrix(x, Model + ".Fit", minRows: NClusters);
        int n = (int)x.Shape[0], d = (int)x.Shape[1];
        if (initialCentres.Rank != 2 || initialCentres.Shape[0] != NClusters || initialCentres.Shape[1] != d)
            throw new ShapeMismatchException(Model + ".Fit", [x.Shape, initialCentres.Shape],
                $"{Model}.Fit: the initial centres have shape {initialCentres.Shape}; with {NClusters} clusters and X of shape {x.Shape} they must be ({NClusters}, {d})");
        Guard.Matrix(initialCentres, Model + ".Fit (initial centres)");
        var data = DoubleRows.From(x);
        var centres = DoubleRows.From(initialCentres);
        NIter = Lloyd(data, n, d, centres, Tol * MeanVariance(data, n, d));
        var labels = new int[n];
        Inertia = Assign(data, n, d, centres, labels, null);
        _centres = centres;
        _labels = labels;
        _features = d;
        return this;
    }
}
