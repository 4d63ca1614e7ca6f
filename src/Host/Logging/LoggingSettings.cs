using Serilog.Events;

namespace Pipeline.Host.Logging;

/// <summary>Minimum log level and the folder for log files of commands without an output folder.</summary>
public sealed record LoggingSettings(LogEventLevel Level, string Directory);
