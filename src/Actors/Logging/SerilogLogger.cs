using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using LogEventLevel = Serilog.Events.LogEventLevel;
using LogEvent = Akka.Event.LogEvent;

namespace Pipeline.Actors.Logging;

/// <summary>
/// Akka logger that forwards Akka's log events to Serilog's static logger, so actor and stream messages land in
/// the same console and log file as everything else (Akka.Logger.Serilog is not available from our package mirror).
/// Enabled by <c>akka.loggers</c> in hocon/akka.conf.
/// </summary>
public sealed class SerilogLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public SerilogLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(Write);
    }

    internal static void Write(LogEvent e)
    {
        var level = e.LogLevel() switch
        {
            LogLevel.DebugLevel => LogEventLevel.Debug,
            LogLevel.InfoLevel => LogEventLevel.Information,
            LogLevel.WarningLevel => LogEventLevel.Warning,
            _ => LogEventLevel.Error,
        };
        Serilog.Log.Logger
            .ForContext("SourceContext", e.LogSource)
            .Write(level, e.Cause, "{AkkaMessage:l}", e.Message?.ToString() ?? "");
    }
}
