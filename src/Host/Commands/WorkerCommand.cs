using System.CommandLine;
using Akka.Actor;
using Pipeline.Actors.Cluster;
using Pipeline.Actors.Cluster.Security;
using Pipeline.Actors.Composition;
using Pipeline.Host.Cli;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Extraction;
using Pipeline.Streams.Graph;
using Serilog;

namespace Pipeline.Host.Commands;

/// <summary>
/// `worker`: joins the trainer's cluster (pipeline.cluster) and serves it: decodes, downsamples and cuts windows of the
/// clips of the partitions it is given, and evaluates weight snapshots on the validation split. Runs until stopped
/// (Ctrl+C leaves the cluster cleanly; the trainer hands the unfinished clips to other workers).
/// </summary>
public static class WorkerCommand
{
    public static Command Build(TextWriter output)
    {
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "The extract command's output folder, as this node sees it (audio paths and cache must be readable here)",
            Required = true,
        };
        var command = new Command("worker", "Join a training cluster as a worker node: decode audio and evaluate snapshots for the trainer") { data };
        command.SetAction(async (parse, cancellation) =>
        {
            var context = CommandContext.Create("worker", parse, output);
            var dataset = ExtractedDataset.Open(parse.GetValue(data)!.FullName);
            context.StartLog();
            context.ConfigureTorch();
            return await RunAsync(context, dataset, cancellation);
        });
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, ExtractedDataset dataset, CancellationToken cancellation)
    {
        var settings = context.Settings;
        var system = SecureClusterSystem.Create(settings.Cluster.Security,
            ClusterSetup.For(settings.Cluster, ClusterWorkersActor.WorkerRole).WithFallback(context.Layers.Merged));
        var provider = new DataProvider(settings.Provider);
        using var audio = DatasetAudio.Open(dataset, settings.AudioSource, settings.Audio, settings.Provider, system);
        var job = new WorkerJob(provider, audio.Audio, settings.Audio.SampleRate, audio.Clips(Split.Valid), settings.Training.Device, settings.Training.Precision,
            settings.Training.EvaluationBatchSize);
        system.ActorOf(WorkerActor.Props(job), WorkerActor.Name);

        var cluster = Akka.Cluster.Cluster.Get(system);
        cluster.RegisterOnMemberUp(() => Log.Information("worker {Address} joined the trainer at {Trainer}:{Port}",
            cluster.SelfAddress, settings.Cluster.TrainerHost, settings.Cluster.TrainerPort));
        Log.Information("worker {Address} reading {Audio}; joining the trainer at {Trainer}:{Port}",
            cluster.SelfAddress, audio.Description, settings.Cluster.TrainerHost, settings.Cluster.TrainerPort);

        await Task.WhenAny(system.WhenTerminated, Task.Delay(Timeout.Infinite, cancellation));
        if (!system.WhenTerminated.IsCompleted)
        {
            Log.Information("leaving the cluster");
            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance);
        }
        if (SecureClusterSystem.Refusal(system) is { } refusal)
            throw new ClusterSecurityException(refusal);
        return ExitCodes.Success;
    }
}
