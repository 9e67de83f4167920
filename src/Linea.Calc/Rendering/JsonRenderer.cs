using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Linea.Calc.Evaluation;
using Linea.Calc.Exact;
using Linea.Calc.Shapes;

namespace Linea.Calc.Rendering;

/// <summary>
/// JSON rendering of results, one object per result, for scripts and the web page:
/// <list type="bullet">
/// <item>arrays: <c>{"shape":[2,2],"dtype":"rational","data":[["-2","1"],["3/2","-1/2"]]}</c>; rationals are strings,
/// float64 elements numbers, with NaN and infinities as the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>;
/// a scalar has <c>"shape":[]</c> and a bare element as data;</item>
/// <item>complex128 arrays: <c>{"shape":[2],"dtype":"complex128","data":[{"re":0,"im":1},{"re":0,"im":-1}]}</c>: each
/// element an object with its two float64 parts (numbers, or the strings for NaN and the infinities);</item>
/// <item>sparse matrices: <c>{"shape":[3,3],"dtype":"sparse float64","format":"csr","nnz":3,"density":0.333,
/// "indptr":[0,1,2,3],"indices":[0,1,2],"data":[1,1,1]}</c>: the CSR arrays as SciPy's <c>csr_matrix</c> holds them
/// (a transposed matrix is written in CSR as well);</item>
/// <item>strings: <c>{"dtype":"string","data":"..."}</c>;</item>
/// <item>tuples: <c>{"dtype":"tuple","names":["U","S","Vh"],"items":[...]}</c> (names when the function has them);</item>
/// <item>plots: <c>{"dtype":"plot","kind":"line","shape":[10],"text":"a line plot of 10 points","file":...,"image":"data:image/png;base64,..."}</c>
/// (kind line, scatter, heatmap or histogram; shape of the plotted data; <c>bins</c> for histograms, <c>title</c> when given;
/// <c>file</c> when the command line wrote a PNG, <c>image</c> when the web server drew it);</item>
/// <item>declared shapes: <c>{"dtype":"shape","shape":[32,"b","h*d"]}</c>;</item>
/// <item>explanations: <c>{"dtype":"explanation","title":...,"steps":[{"text":...,"matrix":{array}}],"result":...,"text":...}</c>;</item>
/// <item>assignments and declarations: <c>{"assigned":["A"]}</c> (written only when asked for);</item>
/// <item>errors: <c>{"error":{"kind":"syntax","message":...,"line":1,"column":5,"hint":...}}</c> with kind one of
/// syntax, name, type, shape, math, io, limit, error.</item>
/// </list>
/// A value with warnings carries <c>"warnings":["..."]</c>. Objects are written on one line, without indentation.
/// </summary>
public static class JsonRenderer
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One JSON line per result that has output (values, warnings, errors; assignments only when <paramref name="includeAssignments"/>).</summary>
    public static string Render(IEnumerable<StatementResult> results, bool includeAssignments = false)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sb = new StringBuilder();
        foreach (var r in results)
        {
            if (!includeAssignments && r.Kind is ResultKind.Assignment or ResultKind.Declaration && r.Warnings.Count == 0) continue;
            sb.Append(Render(r)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>One result as a JSON object.</summary>
    public static string Render(StatementResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Write(w =>
        {
            if (result.Error is not null)
            {
                w.WriteStartObject();
                w.WritePropertyName("error");
                WriteError(w, result.Error);
                WriteWarnings(w, result.Warnings);
                w.WriteEndObject();
            }
            else if (result.Kind is ResultKind.Assignment or ResultKind.Declaration)
            {
                w.WriteStartObject();
                w.WriteStartArray("assigned");
                foreach (var n in result.Names) w.WriteStringValue(n);
                w.WriteEndArray();
                WriteWarnings(w, result.Warnings);
                w.WriteEndObject();
            }
            else WriteValue(w, result.Value!, result.Warnings);
        });
    }

    /// <summary>A value as a JSON object.</summary>
    public static string Value(Value value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Write(w => WriteValue(w, value, []));
    }

    /// <summary>The kind of an error as JSON names it: syntax, name, type, shape, math, io, limit or error.</summary>
    public static string ErrorKind(CalcException e) => e switch
    {
        CalcLimitException => "limit",
        CalcSyntaxException => "syntax",
        CalcNameException => "name",
        CalcTypeException => "type",
        CalcShapeException => "shape",
        CalcMathException => "math",
        CalcIOException => "io",
        _ => "error",
    };

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options)) body(w);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteError(Utf8JsonWriter w, CalcException e)
    {
        w.WriteStartObject();
        w.WriteString("kind", ErrorKind(e));
        w.WriteString("message", e.Message);
        if (e.Line is { } l) w.WriteNumber("line", l);
        if (e.Column is { } c) w.WriteNumber("column", c);
        if (e.Hint is { } h) w.WriteString("hint", h);
        w.WriteEndObject();
    }

    private static void WriteWarnings(Utf8JsonWriter w, IReadOnlyList<string> warnings)
    {
        if (warnings.Count == 0) return;
        w.WriteStartArray("warnings");
        foreach (var s in warnings) w.WriteStringValue(s);
        w.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter w, Value value, IReadOnlyList<string> warnings)
    {
        w.WriteStartObject();
        switch (value)
        {
            case ExactValue e: WriteExact(w, e.Array); break;
            case FloatValue f: WriteFloat(w, f.NDArray); break;
            case ComplexValue z: WriteComplex(w, z.NDArray); break;
            case SparseValue sp: WriteSparse(w, sp.Matrix); break;
            case StringValue s:
                w.WriteString("dtype", "string");
                w.WriteString("data", s.Text);
                break;
            case SymbolicValue s:
                w.WriteString("dtype", "shape");
                w.WritePropertyName("shape");
                WriteSymbolicShape(w, s.Shape);
                if (s.DimensionValue is { } d) w.WriteString("dimension", d.ToString());
                break;
            case TupleValue t:
                w.WriteString("dtype", "tuple");
                if (t.Names is not null)
                {
                    w.WriteStartArray("names");
                    foreach (var n in t.Names) w.WriteStringValue(n);
                    w.WriteEndArray();
                }
                w.WriteStartArray("items");
                foreach (var item in t.Items)
                {
                    using var doc = JsonDocument.Parse(Value(item));
                    doc.RootElement.WriteTo(w);
                }
                w.WriteEndArray();
                break;
            case PlotValue p: WritePlot(w, p); break;
            case ExplanationValue x:
                w.WriteString("dtype", "explanation");
                w.WriteString("title", x.Explanation.Title);
                w.WriteStartArray("steps");
                foreach (var step in x.Explanation.Steps)
                {
                    w.WriteStartObject();
                    w.WriteString("text", step.Text);
                    if (step.Matrix is not null)
                    {
                        w.WritePropertyName("matrix");
                        w.WriteStartObject();
                        WriteExact(w, step.Matrix);
                        w.WriteEndObject();
                    }
                    if (step.Divider is { } div) w.WriteNumber("divider", div);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteString("result", x.Explanation.Result);
                if (x.Explanation.Value is not null)
                {
                    w.WritePropertyName("value");
                    w.WriteStartObject();
                    WriteExact(w, x.Explanation.Value);
                    w.WriteEndObject();
                }
                w.WriteString("text", x.Explanation.ToText());
                break;
        }
        WriteWarnings(w, warnings);
        w.WriteEndObject();
    }

    private static void WritePlot(Utf8JsonWriter w, PlotValue p)
    {
        w.WriteString("dtype", PlotValue.DTypeName);
        w.WriteString("kind", p.KindName);
        WriteShape(w, p.Data.Shape.ToIntArray());
        if (p.Kind == PlotKind.Histogram) w.WriteNumber("bins", p.Bins);
        if (p.Title is not null) w.WriteString("title", p.Title);
        w.WriteString("text", p.Describe());
        if (p.File is not null) w.WriteString("file", p.File);
        if (p.Image is not null) w.WriteString("image", p.Image);
    }

    private static void WriteExact(Utf8JsonWriter w, ExactArray a)
    {
        WriteShape(w, a.Shape);
        w.WriteString("dtype", "rational");
        w.WritePropertyName("data");
        var data = a.ToArray();
        WriteNested(w, a.Shape, 0, 0, i => w.WriteStringValue(data[i].ToString()));
    }

    private static void WriteFloat(Utf8JsonWriter w, NDArray<double> t)
    {
        var shape = t.Shape.ToIntArray();
        WriteShape(w, shape);
        w.WriteString("dtype", "float64");
        w.WritePropertyName("data");
        var data = t.Contiguous().ToArray();
        WriteNested(w, shape, 0, 0, i => WriteDouble(w, data[i]));
    }

    private static void WriteComplex(Utf8JsonWriter w, ComplexTensor<double> z)
    {
        var shape = z.Shape.ToIntArray();
        WriteShape(w, shape);
        w.WriteString("dtype", ComplexValue.DTypeName);
        w.WritePropertyName("data");
        var re = z.Real.ToArray();
        var im = z.Imag.ToArray();
        WriteNested(w, shape, 0, 0, i =>
        {
            w.WriteStartObject();
            w.WritePropertyName("re");
            WriteDouble(w, re[i]);
            w.WritePropertyName("im");
            WriteDouble(w, im[i]);
            w.WriteEndObject();
        });
    }

    private static void WriteSparse(Utf8JsonWriter w, SparseMatrix<double> m)
    {
        var csr = m.ToCsr();
        WriteShape(w, [csr.Rows, csr.Columns]);
        w.WriteString("dtype", SparseValue.DTypeName);
        w.WriteString("format", "csr");
        w.WriteNumber("nnz", csr.Nnz);
        w.WriteNumber("density", csr.Density);
        w.WriteStartArray("indptr");
        foreach (long p in csr.IndPtr) w.WriteNumberValue(p);
        w.WriteEndArray();
        w.WriteStartArray("indices");
        foreach (int j in csr.Indices) w.WriteNumberValue(j);
        w.WriteEndArray();
        w.WriteStartArray("data");
        foreach (double x in csr.Data) WriteDouble(w, x);
        w.WriteEndArray();
    }

    /// <summary>Writes a double as a JSON number, or as "NaN" / "Infinity" / "-Infinity".</summary>
    private static void WriteDouble(Utf8JsonWriter w, double x)
    {
        if (double.IsNaN(x)) w.WriteStringValue("NaN");
        else if (double.IsPositiveInfinity(x)) w.WriteStringValue("Infinity");
        else if (double.IsNegativeInfinity(x)) w.WriteStringValue("-Infinity");
        else w.WriteNumberValue(x);
    }

    private static void WriteShape(Utf8JsonWriter w, int[] shape)
    {
        w.WriteStartArray("shape");
        foreach (int d in shape) w.WriteNumberValue(d);
        w.WriteEndArray();
    }

    private static void WriteSymbolicShape(Utf8JsonWriter w, SymbolicShape s)
    {
        w.WriteStartArray();
        foreach (var d in s.Dims)
        {
            if (d.IsKnown) w.WriteNumberValue(d.Coefficient);
            else w.WriteStringValue(d.ToString());
        }
        w.WriteEndArray();
    }

    /// <summary>Nested arrays in row-major order; <paramref name="element"/> writes flat element i.</summary>
    private static void WriteNested(Utf8JsonWriter w, int[] shape, int axis, int offset, Action<int> element)
    {
        if (axis == shape.Length) { element(offset); return; }
        int stride = 1;
        for (int k = axis + 1; k < shape.Length; k++) stride *= shape[k];
        w.WriteStartArray();
        for (int i = 0; i < shape[axis]; i++) WriteNested(w, shape, axis + 1, offset + i * stride, element);
        w.WriteEndArray();
    }
}
