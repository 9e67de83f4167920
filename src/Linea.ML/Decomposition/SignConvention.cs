namespace Linea.ML;

/// <summary>
/// How a decomposition fixes the sign of each singular pair (u_j, v_j), which the SVD leaves free: scikit-learn's
/// <c>svd_flip</c> in its two modes. Either way the flip is applied to u_j and v_j together, so U S Vt is unchanged.
/// </summary>
public enum SignConvention
{
    /// <summary>The entry of largest magnitude in each component (row of <c>Components</c>, a right singular vector)
    /// is positive; the first such entry on ties. scikit-learn's <c>svd_flip(u_based_decision=False)</c>, which PCA and
    /// TruncatedSVD use since scikit-learn 1.5. Depends only on the components, so fitting on a subset of rows or
    /// calling FitTransform instead of Fit then Transform cannot change it.</summary>
    ComponentBased,

    /// <summary>The entry of largest magnitude in each column of U (the scores of the training samples) is positive;
    /// the first such entry on ties. scikit-learn's <c>svd_flip(u_based_decision=True)</c>, used by PCA before 1.5.</summary>
    SampleBased,
}
