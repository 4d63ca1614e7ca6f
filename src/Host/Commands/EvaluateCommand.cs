using System.CommandLine;
using Akka.Actor;
using Pipeline.Actors.Training;
using Pipeline.Actors.Composition;
using Pipeline.Host.Cli;
using Pipeline.Host.Configuration;
using Pipeline.Model.Checkpoints;
using Pipeline.Model.Evaluation;
using Pipeline.Model.Runs;
using Pipeline.Model.Training;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Extraction;
using Pipeline.Streams.Graph;
using Serilog;

namespace Pipeline.Host.Commands;

/// <summary>`evaluate`: a run's best checkpoint on one split of an extracted dataset, with a per-tag report.</summary>
public static class EvaluateCommand
{
    public static Command Build(TextWriter output)
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "An extract command's output folder", Required = true };
        var runDir = new Option<DirectoryInfo>("--run") { Description = "A train command's run folder", Required = true };
        var split = new Option<string>("--split") { Description = "train, valid or test", DefaultValueFactory = _ => "test" };
        split.AcceptOnlyFromAmong("train", "valid", "test");
        var checkpoint = new Option<string>("--checkpoint") { Description = "best (default) or last", DefaultValueFactory = _ => "best" };
        checkpoint.AcceptOnlyFromAmong("best", "last");
        var command = new Command("evaluate", "Score a trained model on a split: macro and per-tag ROC-AUC and PR-AUC")
        {
            data, runDir, split, checkpoint,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var context = CommandContext.Create("evaluate", parse, output);
            var run = new RunFolder(parse.GetValue(runDir)!.FullName);
            var checkpointPath = parse.GetValue(checkpoint) == "last" ? run.LastCheckpoint : run.BestCheckpoint;
            if (!File.Exists(checkpointPath))
                throw new UsageException($"usage error: {checkpointPath} does not exist (train first, or pick --checkpoint last)");
            var dataset = ExtractedDataset.Open(parse.GetValue(data)!.FullName);
            context.StartLog(run.Logs);
            context.ConfigureTorch();
            return await RunAsync(context, dataset, run, checkpointPath, SplitNames.Parse(parse.GetValue(split)!), cancellation);
        });
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, ExtractedDataset dataset, RunFolder run, string checkpointPath,
        Split split, CancellationToken cancellation)
    {
        var settings = context.Settings;
        var info = CheckpointFile.ReadInfo(checkpointPath);
        if (!info.Tags.SequenceEqual(dataset.Tags))
            throw new UsageException($"usage error: {checkpointPath} predicts other tags than {dataset.Directory} holds; evaluate on the extraction it was trained on");

        await using var node = await PipelineNode.StartAsync("evaluate", context.Layers.Merged, settings.Cluster, ResultShaping.Of(context.Layers), cancellation);
        var system = node.System;
        {
            using var audio = DatasetAudio.Open(dataset, settings.AudioSource, settings.Audio with { SampleRate = info.SampleRate }, settings.Provider, system);
            var clips = audio.Clips(split);
            if (clips.Count == 0)
                throw new UsageException($"usage error: the {SplitNames.Of(split)} split of {dataset.Directory} has no clips with audio");
            Log.Information("evaluating {Checkpoint} (epoch {Epoch}, step {Step}) on {Clips} {Split} clips from {Audio}",
                checkpointPath, info.Epoch, info.Step, clips.Count, SplitNames.Of(split), audio.Description);

            var job = new EvaluationJob(info.Model, info.Tags, settings.Training.Device, settings.Training.Precision,
                settings.Provider with { WindowSamples = info.WindowSamples }, info.SampleRate, clips, audio.Audio,
                settings.Training.EvaluationBatchSize);
            job = job with { Scoring = node.Scoring(job, remote: true) };
            var completion = new TaskCompletionSource<EvaluationCompleted>(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(EvaluationRunActor.Props(job, CheckpointWeights.Load(checkpointPath, info), completion), "evaluation");
            var result = await completion.Task.WaitAsync(cancellation);
            result.Snapshot.Dispose();

            var (json, markdown) = EvaluationReportFiles.Write(run.Reports, SplitNames.Of(split), result.Report, checkpointPath);
            context.Output.WriteLine(EvaluationReportFiles.Table(SplitNames.Of(split), result.Report));
            var predictions = EvaluationReportFiles.WritePredictions(run.Reports, SplitNames.Of(split), info.Tags,
                result.Predictions.Select(p => (clips[p.Clip].Id, clips[p.Clip].AudioPath, p.Prediction)));
            context.Output.WriteLine($"reports      {json}, {markdown}, {predictions}");
            Log.Information("{Split}: ROC-AUC {Roc:F4}, PR-AUC {Pr:F4} on {Clips} clips in {Seconds:F1} s",
                SplitNames.Of(split), result.Report.RocAucMacro, result.Report.PrAucMacro, result.Report.Clips, result.Duration.TotalSeconds);
            return ExitCodes.Success;
        }
    }
}
