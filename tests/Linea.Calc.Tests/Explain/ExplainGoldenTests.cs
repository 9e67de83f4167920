using Linea.Calc.Exact;
using Linea.Calc.Explain;
using Linea.Calc.Tests.Exact;

namespace Linea.Calc.Tests.Explain;

/// <summary>
/// Golden texts of the course's worked examples. Each was checked by hand (every product, minor, row operation and
/// eigenvalue recomputed on paper) before it was frozen here; a change in wording must be reviewed the same way.
/// </summary>
public class ExplainGoldenTests
{
    [Fact]
    public void Product_of_the_course_example_lists_each_entry_as_a_dot_product()
    {
        const string expected = """
            Matrix product A @ B: a 2x2 matrix times a 2x2 matrix gives a 2x2 matrix

            1. The sizes fit: A has 2 columns and B has 2 rows. Each entry C[i,j] is row i of A times column j of B: multiply matching entries and add the 2 products. Indices count from 0.
            2. C[0,0] = 1*5 + 2*7 = 19
            3. C[0,1] = 1*6 + 2*8 = 22
            4. C[1,0] = 3*5 + 4*7 = 43
            5. C[1,1] = 3*6 + 4*8 = 50
            6. Put the entries together: A @ B =
                 [ 19  22 ]
                 [ 43  50 ]

            Result: A @ B = [[19, 22], [43, 50]]
            """;
        Assert.Equal(expected + "\n", Explainer.Product(Ex.A("[[1, 2], [3, 4]]"), Ex.A("[[5, 6], [7, 8]]")).ToText());
    }

    [Fact]
    public void Determinant_of_a_3x3_by_cofactor_expansion()
    {
        const string expected = """
            Determinant of a 3x3 matrix by cofactor expansion along the first row

            1. Expand along the first row: det(A) is the sum of sign * entry * minor over the entries of row 1. The minor of an entry is the determinant of the smaller matrix left after crossing out the entry's row and column; the signs alternate + - + along the row.
                 [ 2  0  1 ]
                 [ 1  3  2 ]
                 [ 1  1  1 ]
            2. Column 1: entry 2, sign +. Cross out row 1 and column 1 to get the minor M11 (below); det(M11) = 3*1 - 2*1 = 3 - 2 = 1. Term: +2*1 = 2.
                 [ 3  2 ]
                 [ 1  1 ]
            3. Column 2: the entry is 0, so this term is 0 whatever its minor is.
            4. Column 3: entry 1, sign +. Cross out row 1 and column 3 to get the minor M13 (below); det(M13) = 1*1 - 3*1 = 1 - 3 = -2. Term: +1*(-2) = -2.
                 [ 1  3 ]
                 [ 1  1 ]
            5. Add the terms: det(A) = 2 + 0 + (-2) = 0
            6. det(A) = 0, so A is singular: it has no inverse, and it squashes space flat (volumes become 0).

            Result: det(A) = 0
            """;
        Assert.Equal(expected + "\n", Explainer.Determinant(Ex.A("[[2, 0, 1], [1, 3, 2], [1, 1, 1]]")).ToText());
    }

    [Fact]
    public void Inverse_by_Gauss_Jordan_on_A_beside_I()
    {
        const string expected = """
            Inverse of a 2x2 matrix by Gauss-Jordan elimination

            1. Write A and the identity matrix I side by side as [A | I]. Row operations that turn the left half into I turn the right half into inv(A), because they amount to multiplying by inv(A).
                 [ 1  2 | 1  0 ]
                 [ 3  4 | 0  1 ]
            2. R2 <- R2 - 3*R1 (clear the 3 below the pivot in column 1)
                 [ 1   2 |  1  0 ]
                 [ 0  -2 | -3  1 ]
            3. R2 <- (-1/2)*R2 (divide by the pivot -2 to make it 1)
                 [ 1  2 |   1     0 ]
                 [ 0  1 | 3/2  -1/2 ]
            4. R1 <- R1 - 2*R2 (clear the 2 above the pivot in column 2)
                 [ 1  0 |  -2     1 ]
                 [ 0  1 | 3/2  -1/2 ]
            5. The left half is now I, so the right half is inv(A):
                 [  -2     1 ]
                 [ 3/2  -1/2 ]
            6. Check: A @ inv(A) = I (multiply them to see).

            Result: inv(A) = [[-2, 1], [3/2, -1/2]]
            """;
        Assert.Equal(expected + "\n", Explainer.Inverse(Ex.A("[[1, 2], [3, 4]]")).ToText());
    }

    [Fact]
    public void Solve_of_a_3x3_system_with_a_unique_solution()
    {
        const string expected = """
            Solving a system of 3 linear equations in 3 unknowns by row reduction

            1. The system has 3 equations in 3 unknowns: x1 + x2 + x3 = 6; 2*x2 + 5*x3 = -4; 2*x1 + 5*x2 - x3 = 27. Write it as the augmented matrix [A | b]: one row per equation, one column per unknown, and the right-hand sides after the bar. Row operations do not change the solutions.
                 [ 1  1   1 |  6 ]
                 [ 0  2   5 | -4 ]
                 [ 2  5  -1 | 27 ]
            2. R3 <- R3 - 2*R1 (clear the 2 below the pivot in column 1)
                 [ 1  1   1 |  6 ]
                 [ 0  2   5 | -4 ]
                 [ 0  3  -3 | 15 ]
            3. R2 <- (1/2)*R2 (divide by the pivot 2 to make it 1)
                 [ 1  1    1 |  6 ]
                 [ 0  1  5/2 | -2 ]
                 [ 0  3   -3 | 15 ]
            4. R1 <- R1 - R2 (clear the 1 above the pivot in column 2)
                 [ 1  0  -3/2 |  8 ]
                 [ 0  1   5/2 | -2 ]
                 [ 0  3    -3 | 15 ]
            5. R3 <- R3 - 3*R2 (clear the 3 below the pivot in column 2)
                 [ 1  0   -3/2 |  8 ]
                 [ 0  1    5/2 | -2 ]
                 [ 0  0  -21/2 | 21 ]
            6. R3 <- (-2/21)*R3 (divide by the pivot -21/2 to make it 1)
                 [ 1  0  -3/2 |  8 ]
                 [ 0  1   5/2 | -2 ]
                 [ 0  0     1 | -2 ]
            7. R1 <- R1 + (3/2)*R3 (clear the -3/2 above the pivot in column 3)
                 [ 1  0    0 |  5 ]
                 [ 0  1  5/2 | -2 ]
                 [ 0  0    1 | -2 ]
            8. R2 <- R2 - (5/2)*R3 (clear the 5/2 above the pivot in column 3)
                 [ 1  0  0 |  5 ]
                 [ 0  1  0 |  3 ]
                 [ 0  0  1 | -2 ]
            9. Every unknown has a pivot, so the solution is unique; read it off the right of the bar: x1 = 5, x2 = 3, x3 = -2.
            10. Check: A @ x = b (substitute the values into each equation).

            Result: x = [5, 3, -2]
            """;
        Assert.Equal(expected + "\n", Explainer.Solve(Ex.A("[[1, 1, 1], [0, 2, 5], [2, 5, -1]]"), Ex.A("[6, -4, 27]")).ToText());
    }

    [Fact]
    public void Geometry_of_the_shear_typed_as_floats()
    {
        const string expected = """
            What the 2x2 matrix A does to the plane

            1. A moves each point (x, y) of the plane to A @ (x, y) = (x + (1/2)*y, y). Its columns show where the arrows (1, 0) and (0, 1) land: at (1, 0) and (1/2, 1).
                 [ 1  1/2 ]
                 [ 0    1 ]
            2. Area: det(A) = 1*1 - (1/2)*0 = 1. Every area is multiplied by |det(A)| = 1 (areas are kept). det(A) > 0, so orientation is kept: a counterclockwise turn stays counterclockwise.
            3. What kind of map: a horizontal shear with factor 1/2: (x, y) goes to (x + (1/2)*y, y). Each point slides sideways by 1/2 times its height; the x-axis stays fixed and areas are kept.
            4. Lines that stay on themselves (eigenvectors): the eigenvalues t solve t^2 - 2t + 1 = 0, which has the single root t = 1. Only one line stays on itself: the x-axis, and its points stay fixed (eigenvalue 1).
            5. The unit square with corners (0, 0), (1, 0), (0, 1), (1, 1) goes to (0, 0), (1, 0), (1/2, 1), (3/2, 1): the square becomes a parallelogram of area 1.

            Result: horizontal shear with factor 1/2; area scale 1, orientation kept
            """;
        Assert.Equal(expected + "\n", Explainer.Geometry(ExactArray.FromTensorShortest(NDArray.FromArray(new double[,] { { 1, 0.5 }, { 0, 1 } }))).ToText());
    }

    [Fact]
    public void Determinant_of_a_5x5_by_row_reduction_tracks_swaps()
    {
        const string expected = """
            Determinant of a 5x5 matrix by row reduction

            1. Cofactor expansion of a 5x5 matrix has too many terms to write out, so reduce A to upper triangular form (zeros below the diagonal). Adding a multiple of one row to another does not change the determinant; swapping two rows flips its sign. The determinant of a triangular matrix is the product of its diagonal.
                 [ 0  2  1  0  1 ]
                 [ 1  1  0  2  1 ]
                 [ 2  0  1  1  0 ]
                 [ 1  1  1  1  1 ]
                 [ 0  1  2  0  3 ]
            2. swap R1, R2 (the diagonal entry of column 1 is 0; a swap flips the sign of the determinant: 1 swap so far)
                 [ 1  1  0  2  1 ]
                 [ 0  2  1  0  1 ]
                 [ 2  0  1  1  0 ]
                 [ 1  1  1  1  1 ]
                 [ 0  1  2  0  3 ]
            3. R3 <- R3 - 2*R1, R4 <- R4 - R1 (clear column 1 below the pivot 1; the determinant does not change)
                 [ 1   1  0   2   1 ]
                 [ 0   2  1   0   1 ]
                 [ 0  -2  1  -3  -2 ]
                 [ 0   0  1  -1   0 ]
                 [ 0   1  2   0   3 ]
            4. R3 <- R3 + R2, R5 <- R5 - (1/2)*R2 (clear column 2 below the pivot 2; the determinant does not change)
                 [ 1  1    0   2    1 ]
                 [ 0  2    1   0    1 ]
                 [ 0  0    2  -3   -1 ]
                 [ 0  0    1  -1    0 ]
                 [ 0  0  3/2   0  5/2 ]
            5. R4 <- R4 - (1/2)*R3, R5 <- R5 - (3/4)*R3 (clear column 3 below the pivot 2; the determinant does not change)
                 [ 1  1  0    2     1 ]
                 [ 0  2  1    0     1 ]
                 [ 0  0  2   -3    -1 ]
                 [ 0  0  0  1/2   1/2 ]
                 [ 0  0  0  9/4  13/4 ]
            6. R5 <- R5 - (9/2)*R4 (clear column 4 below the pivot 1/2; the determinant does not change)
                 [ 1  1  0    2    1 ]
                 [ 0  2  1    0    1 ]
                 [ 0  0  2   -3   -1 ]
                 [ 0  0  0  1/2  1/2 ]
                 [ 0  0  0    0    1 ]
            7. The matrix is upper triangular. The product of its diagonal is 1 * 2 * 2 * (1/2) * 1 = 2.
            8. 1 swap flipped the sign 1 time, so det(A) = (-1)^1 * 2 = -2.
            9. det(A) = -2 is not 0, so A is invertible; it scales volumes by |det(A)| = 2 and flips orientation.

            Result: det(A) = -2
            """;
        Assert.Equal(expected + "\n", Explainer.Determinant(Ex.A("[[0, 2, 1, 0, 1], [1, 1, 0, 2, 1], [2, 0, 1, 1, 0], [1, 1, 1, 1, 1], [0, 1, 2, 0, 3]]")).ToText());
    }
}
