namespace Linea.ML.Mixture;

/// <summary>The form of the component covariances of a <see cref="GaussianMixture{T}"/> (scikit-learn's covariance_type).</summary>
public enum CovarianceType
{
    /// <summary>Each component has its own general covariance matrix; <c>Covariances</c> has shape (k, d, d).</summary>
    Full,

    /// <summary>All components share one general covariance matrix; shape (d, d).</summary>
    Tied,

    /// <summary>Each component has its own diagonal covariance; shape (k, d) holding the variances.</summary>
    Diag,

    /// <summary>Each component has a single variance (a multiple of the identity); shape (k,).</summary>
    Spherical,
}
