using System.Net;
using System.Net.Sockets;

namespace Linea.Web.Tests.Api;

/// <summary>The entry point the CLI calls for <c>linea serve</c>.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public void Parses_port_and_host_and_defaults_to_loopback()
    {
        var defaults = ServeCommand.Parse([], TextWriter.Null)!;
        Assert.Equal(IPAddress.Loopback, defaults.Address);
        Assert.Equal(5080, defaults.Port);
        Assert.True(defaults.ConsoleLogging);
        var custom = ServeCommand.Parse(["--port", "8123", "--host", "::1"], TextWriter.Null)!;
        Assert.Equal(8123, custom.Port);
        Assert.Equal(IPAddress.IPv6Loopback, custom.Address);
    }

    [Theory]
    [InlineData("--port")]
    [InlineData("--port", "x")]
    [InlineData("--port", "70000")]
    [InlineData("--port", "-1")]
    [InlineData("--host", "not-an-ip")]
    [InlineData("--verbose")]
    public async Task Bad_arguments_exit_2_with_the_reason(params string[] args)
    {
        var error = new StringWriter();
        Assert.Equal(2, await ServeCommand.RunAsync(args, TextWriter.Null, error, CancellationToken.None));
        Assert.Contains("usage: linea serve", error.ToString());
    }

    [Fact]
    public async Task A_taken_port_exits_1_and_a_cancelled_server_exits_0()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        int taken = ((IPEndPoint)blocker.LocalEndpoint).Port;
        var error = new StringWriter();
        Assert.Equal(1, await ServeCommand.RunAsync(["--port", taken.ToString()], TextWriter.Null, error, CancellationToken.None));
        Assert.Contains("cannot listen", error.ToString());

        using var stop = new CancellationTokenSource();
        var output = new FirstLine();
        var run = ServeCommand.RunAsync(["--port", "0"], output, TextWriter.Null, stop.Token);
        var line = await output.Line.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.StartsWith("Linea calculator at http://127.0.0.1:", line);
        var address = line.Split("at ")[1].Split(' ')[0];
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(address + "api/health")).StatusCode);
        stop.Cancel();
        Assert.Equal(0, await run);
    }

    /// <summary>Captures the first line written (the server writes it from another thread).</summary>
    private sealed class FirstLine : TextWriter
    {
        public TaskCompletionSource<string> Line { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void WriteLine(string? value) => Line.TrySetResult(value ?? "");
    }
}
