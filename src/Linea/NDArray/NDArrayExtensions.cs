namespace Linea;

/// <summary>
/// The members of <see cref="NDArray{TScalar}"/> that need a number or floating-point element type (arithmetic
/// operators, reductions, <c>MatMul</c>, factorizations), declared as C# 14 extension members so that
/// <c>NDArray&lt;bool&gt;</c> and <c>NDArray&lt;int&gt;</c> share the class while <c>a.Sum()</c>, <c>a + b</c> and
/// <c>a.MatMul(b)</c> read as before. Callers never name this class.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1708:Identifiers should differ by more than case",
    Justification = "The analyzer sees the compiler-generated extension block types as members with colliding names.")]
public static partial class NDArrayExtensions;

// The operator extension blocks live in NDArray itself (the analyzer's false positive above applies there too).
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1708:Identifiers should differ by more than case",
    Justification = "The analyzer sees the compiler-generated extension block types as members with colliding names.")]
public static partial class NDArray;
