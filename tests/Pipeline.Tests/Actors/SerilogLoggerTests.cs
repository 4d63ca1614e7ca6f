using Akka.Actor;
using Akka.Event;
using Pipeline.Host.Configuration;
using Pipeline.Tests.Support;
using Serilog;
using Serilog.Events;

namespace Pipeline.Tests.Actors;

[Collection(GlobalLoggerCollection.Name)]
public sealed class SerilogLoggerTests
{
    [Fact]
    public async Task Akka_log_events_reach_serilog_with_their_level_and_source()
    {
        var sink = new CapturingSink();
        Log.Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        var config = ConfigLayers.Load(null, []).Merged;
        var system = ActorSystem.Create("logging-test", config);
        try
        {
            system.Log.Warning("disk {0} is nearly full", "/data");
            system.Log.Info("started");

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline && !sink.Messages.Any(m => m.Contains("disk /data is nearly full")))
                await Task.Delay(20);

            var warning = Assert.Single(sink.Events, e => e.RenderMessage().Contains("disk /data is nearly full"));
            Assert.Equal(LogEventLevel.Warning, warning.Level);
            Assert.True(warning.Properties.ContainsKey("SourceContext"));
        }
        finally
        {
            await system.Terminate();
            Log.CloseAndFlush();
        }
    }
}
