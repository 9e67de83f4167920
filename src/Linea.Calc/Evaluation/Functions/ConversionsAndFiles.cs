using Linea.Calc.Exact;

namespace Linea.Calc.Evaluation;

public static partial class FunctionLibrary
{
    private const string Conv = "conversion and files";

    private static void AddConversionsAndFiles(List<FunctionInfo> list)
    {
        list.Add(F("float", Conv, "float(x)", "the value as float64", "float(1/3)",
            ["x"], 1, a => a.Array("x") is SymbolicValue s ? new SymbolicValue(s.Shape) : Fn.Float(a.NDArray("x"))) with { AcceptsSymbolic = true });
        list.Add(F("exact", Conv, "exact(x)", "the value as exact rationals, reading each float as its shortest decimal (0.1 -> 1/10)", "exact(0.125)",
            ["x"], 1, a => new ExactValue(ValueConversions.ToExact(a.Array("x"), "exact"))));
        list.Add(F("load", Conv, "load(\"file.npy\" | \"file.csv\")", "reads an array from a NumPy .npy file or a CSV file (a header line is skipped)", "load(\"x.npy\")",
            ["path"], 1, Load));
        list.Add(F("save", Conv, "save(\"file.npy\" | \"file.csv\", A)", "writes an array as .npy (readable by numpy.load) or CSV, as float64", "save(\"out.npy\", eye(3))",
            ["path", "A"], 2, Save));
    }

    private static string ResolvePath(CallArgs a, string fn)
    {
        if (!a.Context.Options.AllowFileAccess)
            throw new CalcIOException($"{fn}: file access is disabled in this session");
        string path = a.String("path");
        if (path.Length == 0) throw new CalcIOException($"{fn}: the file name is empty");
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is not (".npy" or ".csv"))
            throw new CalcIOException($"{fn}: \"{path}\" is neither a .npy nor a .csv file") { Hint = "name the file x.npy or x.csv" };
        return Path.GetFullPath(path, a.Context.Options.WorkingDirectory ?? Directory.GetCurrentDirectory());
    }

    private static Value Load(CallArgs a)
    {
        string full = ResolvePath(a, "load");
        var info = new FileInfo(full);
        if (!info.Exists) throw new CalcIOException($"load: no file \"{a.String("path")}\" (looked for {full})");
        // a float64 .npy needs 8 bytes per element; a CSV at least 2 (a digit and a separator)
        bool npy = full.EndsWith(".npy", StringComparison.OrdinalIgnoreCase);
        double maxElements = (info.Length - (npy ? 128 : 0)) / (npy ? 4.0 : 2.0);
        if (maxElements > a.Context.Limits.MaxElements)
            a.Context.CheckElements(maxElements, $"load (a {info.Length:#,0}-byte file)");
        NDArray<double> t;
        if (npy) t = Npy.Load<double>(full);
        else
        {
            try { t = Csv.Read<double>(full); }
            catch (TensorFormatException) { t = Csv.Read<double>(full, hasHeader: true); }
        }
        a.Context.CheckElements(t.Size, "load");
        return Fn.Float(t);
    }

    private static Value Save(CallArgs a)
    {
        string full = ResolvePath(a, "save");
        var x = a.Array("A");
        var t = ValueConversions.ToTensor(x, "save");
        if (full.EndsWith(".npy", StringComparison.OrdinalIgnoreCase)) Npy.Save(full, t);
        else
        {
            if (t.Rank > 2) throw new CalcShapeException($"save: a CSV file holds at most a matrix, got shape {t.Shape}") { Hint = "save it as .npy" };
            Csv.Write(full, t.Rank == 0 ? t.Reshape(1, 1) : t);
        }
        return new StringValue($"saved a {t.Shape} array to {a.String("path")}");
    }
}
