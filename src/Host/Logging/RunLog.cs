using Serilog;
using Serilog.Events;

namespace Pipeline.Host.Logging;

/// <summary>Serilog set-up for one command run: the console plus a log file named after the command and the time.</summary>
public static class RunLog
{
    private const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";
    private const string FileTemplate =
        "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>Starts logging for <paramref name="command"/>; returns the log file's path.</summary>
    public static string Start(string command, string directory, LogEventLevel level)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"{command}-{DateTime.Now:yyyyMMdd-HHmmss}-{Environment.ProcessId}.log");
        Log.Logger = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .Enrich.FromLogContext()
            .Filter.ByExcluding(IsRoutineShutdown)
            // Logs go to stderr so that stdout carries only results (tag --json, config), ready to pipe.
            .WriteTo.Console(outputTemplate: ConsoleTemplate, standardErrorFromLevel: LogEventLevel.Verbose)
            .WriteTo.File(file, outputTemplate: FileTemplate, flushToDiskInterval: TimeSpan.FromSeconds(1))
            .CreateLogger();
        return file;
    }

    public static void Stop() => Log.CloseAndFlush();

    /// <summary>
    /// Akka announces every normal actor-system termination at information level as "CoordinatedShutdown invoked ...
    /// Exiting with [ExitCode:0]", which reads as if the program were exiting; warnings from it still come through.
    /// </summary>
    private static bool IsRoutineShutdown(LogEvent e) =>
        e.Level <= LogEventLevel.Information &&
        e.Properties.TryGetValue("SourceContext", out var source) &&
        source.ToString().StartsWith("\"CoordinatedShutdown", StringComparison.Ordinal);
}
