using Serilog.Events;

namespace Pipeline.Host.Logging;

/// <summary>Minimum log level, the folder for log files of commands without an output folder, and how often progress is logged.</summary>
public sealed record LoggingSettings(LogEventLevel Level, string Directory, TimeSpan ProgressInterval);
