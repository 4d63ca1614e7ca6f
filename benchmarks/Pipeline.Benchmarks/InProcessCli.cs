using Pipeline.Host.Cli;

namespace Pipeline.Benchmarks;

/// <summary>A `pipeline` command run inside the benchmark's process; a non-zero exit throws with what it printed on stderr.</summary>
public static class InProcessCli
{
    public static void Run(params string[] args)
    {
        var error = new StringWriter();
        var code = PipelineCli.Run(args, TextWriter.Null, error);
        if (code != ExitCodes.Success)
            throw new InvalidOperationException($"pipeline {string.Join(' ', args)} failed ({code}): {error}");
    }
}
