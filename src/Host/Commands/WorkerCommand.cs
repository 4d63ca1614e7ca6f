using System.CommandLine;
using Pipeline.Actors.Cluster.Worker;
using Pipeline.Host.Cli;
using Pipeline.Host.Configuration;

namespace Pipeline.Host.Commands;

/// <summary>
/// `worker`: this machine as a worker of the cluster (pipeline.cluster), started once and left running. It joins the
/// coordinator and serves whichever job runs there (train, evaluate, extract --audio, tag, embed); when a run ends or
/// the coordinator goes away it joins again and waits for the next one. Ctrl+C leaves the cluster cleanly (its
/// unfinished clips go to other workers). It exits non-zero only on a fatal error: a bad configuration, or a cluster
/// that refused its certificate.
/// </summary>
public static class WorkerCommand
{
    public static Command Build(TextWriter output)
    {
        var command = new Command("worker", "Serve a cluster's jobs on this machine (train, evaluate, extract --audio, tag, embed) until stopped");
        command.SetAction(async (parse, cancellation) =>
        {
            var context = CommandContext.Create("worker", parse, output);
            context.StartLog();
            context.ConfigureTorch();
            var settings = context.Settings;
            var worker = new WorkerContext(settings.Audio, settings.Provider, settings.Training.Device, settings.Cluster.PathMap,
                settings.Cluster.Work.ItemsInFlight, ResultShaping.Of(context.Layers));
            await WorkerNode.RunAsync(settings.Cluster, context.Layers.Merged, worker, cancellation);
            return ExitCodes.Success;
        });
        return command;
    }
}
