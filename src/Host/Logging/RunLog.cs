using Akka.Actor;
using Serilog;
using Serilog.Events;

namespace Pipeline.Host.Logging;

/// <summary>Serilog set-up for one command run: the console plus a log file named after the command and the time.</summary>
public static class RunLog
{
    private const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";
    private const string FileTemplate =
        "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    private const string FileOnlyProperty = "FileOnly";

    /// <summary>The log file of the command in progress; null before <see cref="Start"/>.</summary>
    public static string? CurrentFile { get; private set; }

    /// <summary>
    /// A logger whose events go to the log file only: for details such as a failure's stack trace, which the console
    /// user does not need next to the one-line error the program prints anyway.
    /// </summary>
    public static ILogger FileOnly => Log.ForContext(FileOnlyProperty, true);

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
            .WriteTo.Logger(console => console
                .Filter.ByExcluding(e => e.Properties.ContainsKey(FileOnlyProperty))
                .WriteTo.Console(outputTemplate: ConsoleTemplate, standardErrorFromLevel: LogEventLevel.Verbose))
            .WriteTo.File(file, outputTemplate: FileTemplate, flushToDiskInterval: TimeSpan.FromSeconds(1))
            .CreateLogger();
        CurrentFile = file;
        return file;
    }

    public static void Stop()
    {
        Log.CloseAndFlush();
        CurrentFile = null;
    }

    /// <summary>
    /// Akka announces every normal actor-system termination at information level as "CoordinatedShutdown invoked ...
    /// Exiting with [ExitCode:0]", which reads as if the program were exiting; warnings from it still come through.
    /// Akka.Logger.Serilog names the logging class in SourceContext.
    /// </summary>
    private static bool IsRoutineShutdown(LogEvent e) =>
        e.Level <= LogEventLevel.Information &&
        e.Properties.TryGetValue("SourceContext", out var source) &&
        source is ScalarValue { Value: string name } &&
        name == typeof(CoordinatedShutdown).FullName;
}
