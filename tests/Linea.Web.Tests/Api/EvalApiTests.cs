using System.Net;
using System.Text.Json;
using Linea.Calc;
using Linea.Calc.Rendering;
using Linea.Web.Tests.Support;

namespace Linea.Web.Tests.Api;

/// <summary>POST /api/eval against the real calculator on a real loopback server.</summary>
public sealed class EvalApiTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Json)> Eval(string program, string? session = null, TestServer? server = null)
    {
        var response = await (server ?? _server).EvalAsync(program, session);
        return (response.StatusCode, await TestServer.JsonAsync(response));
    }

    [Fact]
    public async Task Exact_inverse_comes_back_as_fractions_in_the_cli_json_form()
    {
        var (status, json) = await Eval("A = [1 2; 3 4]\ninv(A)");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("error").ValueKind);
        var results = json.GetProperty("results");
        Assert.Equal(2, results.GetArrayLength());
        Assert.Equal("A", results[0].GetProperty("assigned")[0].GetString());
        // inv([[1, 2], [3, 4]]) = [[4, -2], [-3, 1]] / (1*4 - 2*3) = [[-2, 1], [3/2, -1/2]].
        Assert.Equal("{\"shape\":[2,2],\"dtype\":\"rational\",\"data\":[[\"-2\",\"1\"],[\"3/2\",\"-1/2\"]]}", results[1].GetRawText());
        // Byte for byte what the CLI's --json prints for the same statement.
        var cli = JsonRenderer.Render(new CalcSession().Evaluate("A = [1 2; 3 4]\ninv(A)")).Trim();
        Assert.Equal(cli, results[1].GetRawText());

        var variable = json.GetProperty("variables")[0];
        Assert.Equal(("A", "rational", "(2, 2)"), (variable.GetProperty("name").GetString(), variable.GetProperty("dtype").GetString(), variable.GetProperty("shape").GetString()));
    }

    [Fact]
    public async Task Sparse_matrices_come_back_as_csr_arrays_with_their_dtype()
    {
        var (status, json) = await Eval("S = sparse([1 0 0; 0 0 -2.5])\nS.T");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{\"shape\":[3,2],\"dtype\":\"sparse float64\",\"format\":\"csr\",\"nnz\":2,\"density\":0.3333333333333333,\"indptr\":[0,1,1,2],\"indices\":[0,1],\"data\":[1,-2.5]}",
            json.GetProperty("results")[1].GetRawText());
        var variable = json.GetProperty("variables")[0];
        Assert.Equal(("S", "sparse float64", "(2, 3)"), (variable.GetProperty("name").GetString(), variable.GetProperty("dtype").GetString(), variable.GetProperty("shape").GetString()));
    }

    [Fact]
    public async Task Complex_eigenvalues_come_back_with_real_and_imaginary_parts()
    {
        // the quarter turn [[0, -1], [1, 0]]: t^2 + 1 = 0, so t = i and -i
        var (status, json) = await Eval("R = [0 -1; 1 0]\nw, V = eig(R)\nw\nsqrt(1j)");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status); // the last line fails; the ones before ran
        var results = json.GetProperty("results");
        Assert.Equal("{\"shape\":[2],\"dtype\":\"complex128\",\"data\":[{\"re\":0,\"im\":1},{\"re\":0,\"im\":-1}]}", results[2].GetRawText());
        Assert.Equal(JsonRenderer.Render(new CalcSession().Evaluate("eigvals([[0, -1], [1, 0]])")).Trim(), results[2].GetRawText());
        var error = json.GetProperty("error");
        Assert.Equal("type", error.GetProperty("kind").GetString());
        Assert.Equal("sqrt: complex input is not supported", error.GetProperty("message").GetString());
        var dtypes = json.GetProperty("variables").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!, v => v.GetProperty("dtype").GetString());
        Assert.Equal("complex128", dtypes["w"]);
        Assert.Equal("complex128", dtypes["V"]);
        Assert.Equal("rational", dtypes["R"]);
    }

    [Fact]
    public async Task Named_matrices_persist_within_a_session_and_stay_out_of_others()
    {
        var (_, first) = await Eval("B = [2 0; 0 3]");
        string session = first.GetProperty("session").GetString()!;
        var (status, second) = await Eval("det(B)", session);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("6", second.GetProperty("results")[0].GetProperty("data").GetString());
        Assert.Equal(session, second.GetProperty("session").GetString());

        var (otherStatus, other) = await Eval("det(B)");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherStatus);
        Assert.Equal("name", other.GetProperty("error").GetProperty("kind").GetString());
        Assert.NotEqual(session, other.GetProperty("session").GetString());
    }

    [Fact]
    public async Task Shape_error_has_line_column_source_and_caret()
    {
        var (status, json) = await Eval("A = [1 2; 3 4]\nA @ [1 2 3]");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("A", json.GetProperty("results")[0].GetProperty("assigned")[0].GetString()); // statements before the error ran
        var error = json.GetProperty("error");
        Assert.Equal("shape", error.GetProperty("kind").GetString());
        Assert.Contains("inner dimensions 2 and 3 differ", error.GetProperty("message").GetString());
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.Equal(3, error.GetProperty("column").GetInt32());
        Assert.Equal("A @ [1 2 3]", error.GetProperty("source").GetString());
        Assert.Equal("  ^", error.GetProperty("caret").GetString());
    }

    [Fact]
    public async Task Syntax_and_name_errors_carry_their_kind_column_and_hint()
    {
        var (status, syntax) = await Eval("1 + * 2");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("syntax", syntax.GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal(5, syntax.GetProperty("error").GetProperty("column").GetInt32());
        Assert.Equal("    ^", syntax.GetProperty("error").GetProperty("caret").GetString());

        var (_, name) = await Eval("M = [1 2; 3 4]\ndett(M)");
        var error = name.GetProperty("error");
        Assert.Equal("name", error.GetProperty("kind").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("hint").GetString()));
        Assert.Equal("dett(M)", error.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Explain_returns_its_steps()
    {
        var (status, json) = await Eval("explain det([1 2; 3 4])");
        Assert.Equal(HttpStatusCode.OK, status);
        var explanation = json.GetProperty("results")[0];
        Assert.Equal("explanation", explanation.GetProperty("dtype").GetString());
        Assert.True(explanation.GetProperty("steps").GetArrayLength() >= 2);
        Assert.Equal("-2", explanation.GetProperty("value").GetProperty("data").GetString()); // 1*4 - 2*3
    }

    [Theory]
    [InlineData("zeros(2000, 2000)", "MaxElements")]
    [InlineData("2 ** 20000", "bits")]
    public async Task Calculator_limits_are_422_with_the_message(string program, string mentioned)
    {
        var (status, json) = await Eval(program);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var error = json.GetProperty("error");
        Assert.Equal("limit", error.GetProperty("kind").GetString());
        Assert.Contains(mentioned, error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("load(\"x.npy\")")]
    [InlineData("save(\"linea-web-test-out.npy\", eye(2))")]
    [InlineData("load(\"/etc/passwd.csv\")")]
    public async Task Load_and_save_are_refused_with_403(string program)
    {
        var (status, json) = await Eval(program);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        var error = json.GetProperty("error");
        Assert.Equal("forbidden", error.GetProperty("kind").GetString());
        Assert.Contains("disabled", error.GetProperty("message").GetString());
        Assert.False(File.Exists("linea-web-test-out.npy"));
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "linea-web-test-out.npy")));
    }

    [Fact]
    public async Task A_long_program_is_stopped_at_the_time_budget()
    {
        await using var server = await TestServer.StartAsync(new WebServerOptions { EvaluationTimeout = TimeSpan.FromMilliseconds(300) });
        // Each product is small enough for the work limit; together they need far longer than 0.3 s.
        var program = "A = rand(300, 300)\n" + string.Concat(Enumerable.Repeat("B = A @ A\n", 2000));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (status, json) = await Eval(program, server: server);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("time_limit", json.GetProperty("error").GetProperty("kind").GetString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"answered after {clock.Elapsed}");
    }

    [Fact]
    public async Task A_session_that_keeps_too_much_is_cleared_with_a_422()
    {
        await using var server = await TestServer.StartAsync(new WebServerOptions { MaxSessionBytes = 1 << 20 });
        var (status, json) = await Eval("A = zeros(300, 300)\nB = zeros(300, 300)", server: server); // 2 x 720 KB of float64
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("limit", json.GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains("per session", json.GetProperty("error").GetProperty("message").GetString());
        var (_, after) = await Eval("A", json.GetProperty("session").GetString(), server);
        Assert.Equal("name", after.GetProperty("error").GetProperty("kind").GetString());
    }

    public static TheoryData<string> HostilePrograms => new()
    {
        new string('(', 20000) + "1" + new string(')', 20000),
        new string('[', 20000),
        new string('-', 30000) + "1",
        "1" + string.Concat(Enumerable.Repeat(" + 1", 10000)),
        string.Concat(Enumerable.Repeat("2 ^ ", 5000)) + "2",
        "2 ** 2 ** 2 ** 2 ** 2 ** 2",
        "1e999999",
        new string('9', 40000),
        "x" + new string('y', 40000),
        "\0\u0001\u2028\ud7ff",
        "zeros(-1, 3)",
        "eye(100000)",
        "rand(1e9)",
        "ones(1000, 1000) @ ones(1000, 1000)",
        "[1 2; 3]",
        "inv([1 2; 2 4])",
        "1 / 0",
        "[1 2; 3 4] \\ [1; 2; 3]",
        "A = 1; A = A; A(((",
        "\"unterminated",
        "explain inv(rand(300, 300))",
        "U, S, Vt = svd([1 2; 3 4]); U @ S",
        "help",
        "svd(\"fro\")",
        "nan + inf",
        "eig([[0, -1], [1, 0]])[1] @ [1j, 1e308j] / 0j",
        "X : (b, 784)\nW : (256, 784)\nX @ W",
        "save(\"/tmp/x.npy\", eye(2))",
    };

    [Fact]
    public async Task Work_per_operation_is_limited_as_configured()
    {
        await using var server = await TestServer.StartAsync(new WebServerOptions { CalcLimits = CalcLimits.Shared with { MaxWork = 1e6 } });
        var (status, json) = await Eval("ones(200, 200) @ ones(200, 200)", server: server); // 200^3 = 8e6 multiply-adds
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("limit", json.GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains("MaxWork", json.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Eval("ones(50, 50) @ ones(50, 50)", server: server)).Status); // 1.25e5
    }

    [Theory]
    [MemberData(nameof(HostilePrograms))]
    public async Task Hostile_programs_never_get_a_5xx(string program)
    {
        var response = await _server.EvalAsync(program);
        var json = await TestServer.JsonAsync(response);
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {json}");
        if (response.StatusCode != HttpStatusCode.OK)
            Assert.False(string.IsNullOrEmpty(json.GetProperty("error").GetProperty("message").GetString()));
    }
}
