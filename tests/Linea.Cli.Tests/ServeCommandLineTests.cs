namespace Linea.Cli.Tests;

/// <summary><c>linea serve</c> as a System.CommandLine subcommand: listed in help, its own help, its argument errors.</summary>
public class ServeCommandLineTests
{
    [Fact]
    public void RootHelpListsServe()
    {
        var (exit, output, error) = Cli.Run(["--help"]);
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains("Commands:", output);
        Assert.Matches(@"\n  serve +Start the web calculator", output);
        Assert.Contains("--eval", output);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public void ServeHelpExitsZeroWithItsOptions(string flag)
    {
        var (exit, output, error) = Cli.Run(["serve", flag]);
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains("linea serve [options]", output);
        Assert.Contains("-p, --port <N>", output);
        Assert.Contains("--host <ADDRESS>", output);
        Assert.Contains("default 5080", output);
        Assert.DoesNotContain("<script>", output); // the root's argument is not serve's
    }

    [Theory]
    [InlineData("--port", "x", "--port needs a number from 0 to 65535, got 'x'")]
    [InlineData("--port", "70000", "--port needs a number from 0 to 65535, got '70000'")]
    [InlineData("-p", "-1", "--port needs a number from 0 to 65535, got '-1'")]
    [InlineData("--host", "example", "--host needs an IP address such as 127.0.0.1, got 'example'")]
    [InlineData("--bogus", "1", "'--bogus'")]
    public void BadServeArgumentsAreUsageErrorsWithServesUsage(string option, string value, string message)
    {
        var (exit, output, error) = Cli.Run(["serve", option, value]);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains(message, error);
        Assert.Contains(Linea.Web.ServeCommand.Usage, error);
        Assert.Contains("Try 'linea serve --help'.", error);
    }

    [Fact]
    public void ServeBindsItsOptionsAsTheOldParserDid()
    {
        // a port in use makes the server stop at once with status 1, after the options were accepted
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        int port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        foreach (var args in new[] { new[] { "serve", "--port", $"{port}" }, ["serve", "-p", $"{port}", "--host", "localhost"], ["serve", $"--port={port}", "--host", "127.0.0.1"] })
        {
            var (exit, _, error) = Cli.Run(args);
            Assert.Equal(1, exit);
            Assert.Contains($"cannot listen on 127.0.0.1:{port}", error);
        }
    }
}
