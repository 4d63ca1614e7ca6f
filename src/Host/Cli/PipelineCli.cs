using System.CommandLine;
using Pipeline.Host.Commands;
using Pipeline.Host.Configuration;
using Pipeline.Host.Logging;
using Serilog;

namespace Pipeline.Host.Cli;

/// <summary>Builds the command tree and maps failures to exit codes (0 success, 1 runtime failure, 2 usage/configuration).</summary>
public static class PipelineCli
{
    public static RootCommand BuildRoot(TextWriter output)
    {
        var root = new RootCommand("Music auto-tagging on raw waveforms: extract datasets, train SampleCNN, evaluate, tag audio.");
        GlobalOptions.AddTo(root);
        root.Subcommands.Add(ConfigCommand.Build(output));
        return root;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = BuildRoot(output);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
                error.WriteLine($"usage error: {problem.Message}");
            error.WriteLine("Run with --help to see the commands and their options.");
            return ExitCodes.UsageOrConfiguration;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error });
        }
        catch (Exception e) when (e is ConfigurationException or UsageException)
        {
            Log.Error("{Problem}", e.Message);
            error.WriteLine(e.Message);
            return ExitCodes.UsageOrConfiguration;
        }
        catch (Exception e)
        {
            Log.Fatal(e, "failed: {Problem}", e.Message);
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.RuntimeFailure;
        }
        finally
        {
            RunLog.Stop();
        }
    }
}
