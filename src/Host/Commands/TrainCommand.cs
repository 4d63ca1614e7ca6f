using Pipeline.Shared.IO;
using System.CommandLine;
using Akka.Actor;
using Pipeline.Actors.Composition;
using Pipeline.Actors.Training;
using Pipeline.Host.Cli;
using Pipeline.Host.Configuration;
using Pipeline.Model.Checkpoints;
using Pipeline.Model.Runs;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Extraction;
using Pipeline.Streams.Graph;
using Serilog;

namespace Pipeline.Host.Commands;

/// <summary>`train`: trains the configured model on an extracted dataset into a run folder; `--resume` continues one.</summary>
public static class TrainCommand
{
    public static Command Build(TextWriter output)
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "An extract command's output folder", Required = true };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "The run folder (checkpoints, metrics, plots, logs)", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its last checkpoint" };
        var timeBudget = new Option<string>("--time-budget")
        {
            Description = "Train for at most this long, e.g. 10m or 90s (pipeline.training.time-budget); a cosine schedule spans it",
        };
        var initFrom = new Option<FileSystemInfo>("--init-from")
        {
            Description = "Start from another run's weights (RUN_DIR: its best checkpoint; or a .ckpt file) for this dataset's tags: " +
                          "every layer is loaded except the output layer, which starts new",
        };
        var command = new Command("train", "Train a model on an extracted dataset, evaluating snapshots on the validation split as it goes")
        {
            data, outDir, resume, timeBudget, initFrom,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var context = parse.GetValue(timeBudget) is { } budget
                ? CommandContext.Create("train", parse, output, [($"pipeline.training.time-budget={budget}", "--time-budget")])
                : CommandContext.Create("train", parse, output);
            var run = new RunFolder(parse.GetValue(outDir)!.FullName);
            var resuming = parse.GetValue(resume);
            var source = parse.GetValue(initFrom) is { } from ? FineTuning.SourceCheckpoint(from) : null;
            if (resuming && source is not null)
                throw new UsageException("usage error: --init-from starts a new run from another run's weights, --resume continues this one: give one of them");
            if (resuming && !File.Exists(run.LastCheckpoint))
                throw new UsageException($"usage error: --resume: {run.Root} has no checkpoint to continue from");
            if (!resuming && File.Exists(run.LastCheckpoint))
                throw new UsageException($"usage error: {run.Root} already holds a run; add --resume to continue it, or choose another --out");
            var dataset = ExtractedDataset.Open(parse.GetValue(data)!.FullName);
            run.Create();
            context.StartLog(run.Logs);
            if (run.DeleteUnfinishedWrites() is > 0 and var unfinished)
                Log.Information("deleted {Count} temporary files that an interrupted run left in {Run}", unfinished, run.Root);
            context.ConfigureTorch();
            return await RunAsync(context, dataset, run, resuming, source, cancellation);
        });
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, ExtractedDataset dataset, RunFolder run, bool resume, string? initFrom,
        CancellationToken cancellation)
    {
        var settings = context.Settings;
        var configHash = ResolvedConfig.Hash(context.Layers);
        if (resume && CheckpointFile.ReadInfo(run.LastCheckpoint).ConfigHash is var previous && previous != configHash)
            Log.Warning("the configuration differs from the one this run started with (hash {Previous} vs {Current}); see {Config}",
                previous, configHash, run.ResolvedConfig);
        AtomicFile.WriteAllText(run.ResolvedConfig, ResolvedConfig.Render(context.Layers));
        if (initFrom is not null)
        {
            // The run starts as a resumed one from a step-0 checkpoint: the source's weights, this run's new output layer.
            FineTuning.WriteStart(initFrom, settings, dataset.Tags, run, configHash);
            resume = true;
        }

        await using var node = await PipelineNode.StartAsync("train", context.Layers.Merged, settings.Cluster, ResultShaping.Of(context.Layers), cancellation);
        var provider = new DataProvider(settings.Provider);
        using var audio = DatasetAudio.Open(dataset, settings.AudioSource, settings.Audio, settings.Provider, node.System);
        Log.Information(node.IsCoordinator ? "the workers read the audio files; this node would read {Audio}" : "reading {Audio}", audio.Description);
        var (train, valid) = (audio.Clips(Split.Train), audio.Clips(Split.Valid));
        if (train.Count == 0 || valid.Count == 0)
            throw new UsageException($"usage error: {dataset.Directory} needs clips in both the train and the valid split (has {train.Count} and {valid.Count})");
        var job = new TrainingJob(settings.Model, settings.Training, settings.Provider, dataset.Tags,
            node.TrainingData(provider, train, audio.Audio, settings.Audio.SampleRate, settings.Training.BatchSize, settings.Training.Seed),
            valid, audio.Audio, run, configHash, settings.Audio.SampleRate, resume);

        var completion = new TaskCompletionSource<TrainingOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var validation = job.Validation with { Scoring = node.Scoring(job.Validation, settings.Cluster.RemoteEvaluation) };
        var runActor = node.System.ActorOf(TrainingRunActor.Props(job, completion, EvaluatorActor.Props(validation)), "training");
        await using var stop = cancellation.Register(() => runActor.Tell(new StopTraining("interrupted")));
        var outcome = await completion.Task;
        Report(context.Output, outcome, run);
        return ExitCodes.Success;
    }

    private static void Report(TextWriter output, TrainingOutcome outcome, RunFolder run)
    {
        Log.Information("training finished: {Reason}", outcome.StopReason);
        output.WriteLine($"stopped      {outcome.StopReason} after {outcome.Epochs} epochs, {outcome.Steps} steps");
        output.WriteLine($"best valid   loss {F(outcome.BestValidLoss)}, ROC-AUC {F(outcome.BestRocAuc)}, PR-AUC {F(outcome.BestPrAuc)}");
        output.WriteLine($"throughput   {outcome.WindowsPerSecond:F1} windows/s; waiting for data {outcome.DataWaitShare:P2} of the time " +
                         $"({outcome.SteadyDataWaitShare:P2} besides the start of each epoch)");
        output.WriteLine($"evaluations  {outcome.Evaluations}{(outcome.EvaluatorRestarts > 0 ? $" ({outcome.EvaluatorRestarts} evaluator restarts)" : "")}");
        output.WriteLine($"run folder   {run.Root} (checkpoints/, metrics.csv, plots/, logs/)");
    }

    private static string F(double? value) => value is null ? "n/a" : value.Value.ToString("F4", System.Globalization.CultureInfo.InvariantCulture);
}
