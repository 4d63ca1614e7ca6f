using System.CommandLine;
using Pipeline.Actors.Cluster.Security;
using Pipeline.Host.Commands;
using Pipeline.Host.Configuration;
using Pipeline.Host.Logging;
using Pipeline.Streams.Cache;
using Pipeline.Streams.Datasets;

namespace Pipeline.Host.Cli;

/// <summary>Builds the command tree and maps failures to exit codes (0 success, 1 runtime failure, 2 usage/configuration).</summary>
public static class PipelineCli
{
    public static RootCommand BuildRoot(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Music auto-tagging on raw waveforms: extract datasets, train SampleCNN, evaluate, tag audio.");
        GlobalOptions.AddTo(root);
        root.Subcommands.Add(ConfigCommand.Build(output));
        root.Subcommands.Add(SynthCommand.Build(output));
        root.Subcommands.Add(ExtractCommand.Build(output));
        root.Subcommands.Add(TrainCommand.Build(output));
        root.Subcommands.Add(EvaluateCommand.Build(output));
        root.Subcommands.Add(TagCommand.Build(output, error));
        root.Subcommands.Add(EmbedCommand.Build(output, error));
        root.Subcommands.Add(SimilarCommand.Build(output, error));
        root.Subcommands.Add(ModelCommand.Build(output));
        root.Subcommands.Add(ProviderCommand.Build(output));
        root.Subcommands.Add(WorkerCommand.Build(output));
        root.Subcommands.Add(ClusterCertsCommand.Build(output));
        return root;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = BuildRoot(output, error);
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
            // Ctrl+C asks a command to stop cleanly (training writes a checkpoint first), which can take a step or two.
            return parse.Invoke(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                Output = output,
                Error = error,
                ProcessTerminationTimeout = TimeSpan.FromMinutes(2),
            });
        }
        catch (Exception e) when (IsUsageError(e))
        {
            // The console gets the message once, below; the log file gets it too, for the record.
            RunLog.FileOnly.Error("{Problem}", e.Message);
            error.WriteLine(e.Message);
            return ExitCodes.UsageOrConfiguration;
        }
        catch (Exception e)
        {
            RunLog.FileOnly.Fatal(e, "failed: {Problem}", e.Message);
            error.WriteLine($"error: {e.Message}");
            if (RunLog.CurrentFile is { } logFile)
                error.WriteLine($"(the stack trace is in {logFile})");
            return ExitCodes.RuntimeFailure;
        }
        finally
        {
            RunLog.Stop();
        }
    }

    /// <summary>Problems with what the user asked for or gave us (exit code 2), as opposed to failures while working.</summary>
    private static bool IsUsageError(Exception e) =>
        e is ConfigurationException or UsageException or MetadataException or CacheMismatchException or ClusterSecurityException;
}
