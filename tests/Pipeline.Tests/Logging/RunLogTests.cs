using Akka.Actor;
using Akka.Event;
using Pipeline.Host.Configuration;
using Pipeline.Host.Logging;
using Pipeline.Tests.Support;
using Serilog;
using Serilog.Events;

namespace Pipeline.Tests.Logging;

[Collection(GlobalLoggerCollection.Name)]
public sealed class RunLogTests
{
    private const string RoutineShutdown = "CoordinatedShutdown invoked";

    [Fact]
    public async Task Akka_routine_shutdown_notice_stays_out_of_the_run_log_while_akka_warnings_reach_it()
    {
        // Akka really announces a clean shutdown at information level: the filter has something to take out.
        var sink = new CapturingSink();
        Log.Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        await RunAndShutDown("run-log-unfiltered");
        Log.CloseAndFlush();
        Assert.Contains(sink.Events, e => e.Level == LogEventLevel.Information && e.RenderMessage().Contains(RoutineShutdown));

        using var folder = new TempDirectory();
        var file = RunLog.Start("test", folder.Path, LogEventLevel.Information);
        try
        {
            await RunAndShutDown("run-log-filtered");
        }
        finally
        {
            RunLog.Stop();
        }

        var logged = await File.ReadAllTextAsync(file);
        Assert.Contains("akka warning kept", logged);
        Assert.DoesNotContain(RoutineShutdown, logged);
    }

    private static async Task RunAndShutDown(string name)
    {
        var system = ActorSystem.Create(name, ConfigLayers.Load(null, []).Merged);
        system.Log.Warning("akka warning {0}", "kept");
        // As the worker command stops its node.
        await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance);
        await system.WhenTerminated;
    }
}
