using Pipeline.Host.Cli;

namespace Pipeline.Tests.Support;

/// <summary>Runs the `pipeline` program in process, as a user would from the shell, and captures what it prints.</summary>
public static class CliRunner
{
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = PipelineCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
