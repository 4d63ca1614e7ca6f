using Akka.Event;

namespace Pipeline.Actors.Logging;

/// <summary>
/// Akka's fallback logger (<c>akka.stdout-logger-class</c>): it takes the events logged before <see cref="SerilogLogger"/>
/// starts, and when the actor system stops it receives whatever is still queued for that logger, at every level.
/// Akka's default prints those to stdout, which must carry results only (<c>provider --json</c> is parsed by
/// scripts); this one sends them through Serilog like every other event.
/// </summary>
public sealed class SerilogFallbackLogger : MinimalLogger
{
    protected override void Log(object message)
    {
        if (message is LogEvent e)
            SerilogLogger.Write(e);
    }
}
