using Akka.Actor;
using Akka.Event;
using Pipeline.Actors.Logging;
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

    [Fact]
    public async Task Events_akka_logs_around_start_up_and_shut_down_go_to_serilog_and_never_to_stdout()
    {
        var sink = new CapturingSink();
        Log.Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        var stdout = new StringWriter();
        var originalOut = Console.Out;
        // Process-wide: a test running beside this one may write too, hence the synchronised writer.
        Console.SetOut(TextWriter.Synchronized(stdout));
        try
        {
            var system = ActorSystem.Create("fallback-logging-test", ConfigLayers.Load(null, []).Merged);
            var fallback = Assert.IsType<SerilogFallbackLogger>(system.Settings.StdoutLogger);
            fallback.Tell(new Warning("remoting-terminator", typeof(SerilogLoggerTests), "told to the fallback logger"));

            // Logged right before termination: whatever the logger actor has not taken yet is drained to the fallback.
            for (var i = 0; i < 200; i++)
                system.Log.Warning("shutdown event {0}", i);
            await system.Terminate();
        }
        finally
        {
            Console.SetOut(originalOut);
            Log.CloseAndFlush();
        }

        Assert.Contains(sink.Messages, m => m.Contains("told to the fallback logger"));
        Assert.All(Enumerable.Range(0, 200), i => Assert.Contains(sink.Messages, m => m.Contains($"shutdown event {i}")));
        Assert.DoesNotContain("fallback logger", stdout.ToString());
        Assert.DoesNotContain("shutdown event", stdout.ToString());
    }
}
