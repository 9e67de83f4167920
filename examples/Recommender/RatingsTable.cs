using System.Globalization;

namespace Linea.Examples.Recommender;

/// <summary>A users x films rating table; missing ratings are NaN.</summary>
public sealed record RatingsTable(string[] Users, string[] Films, double[,] Ratings)
{
    /// <summary>Reads a CSV whose header is "user,film1,film2,..." and whose rows are a name then ratings, a blank
    /// field meaning "not rated".</summary>
    public static RatingsTable Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToArray();
        var films = lines[0].Split(',')[1..];
        var users = new string[lines.Length - 1];
        var r = new double[users.Length, films.Length];
        for (int i = 0; i < users.Length; i++)
        {
            var f = lines[i + 1].Split(',');
            if (f.Length != films.Length + 1)
                throw new InvalidDataException($"'{path}' line {i + 2}: {f.Length - 1} ratings for {films.Length} films");
            users[i] = f[0];
            for (int j = 0; j < films.Length; j++)
                r[i, j] = f[j + 1].Trim().Length == 0 ? double.NaN : double.Parse(f[j + 1], CultureInfo.InvariantCulture);
        }
        return new RatingsTable(users, films, r);
    }
}
