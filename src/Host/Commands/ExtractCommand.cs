using System.CommandLine;
using Akka.Streams.Dsl;
using Pipeline.Actors.Cluster.Work;
using Pipeline.Actors.Composition;
using Pipeline.Host.Configuration;
using Pipeline.Streams.Graph.Stages;
using Akka.Streams;
using Pipeline.Actors.Decoding;
using Pipeline.Host.Cli;
using Pipeline.Streams.Extraction;
using Pipeline.Streams.Graph;
using Serilog;

namespace Pipeline.Host.Commands;

/// <summary>`extract`: a dataset's metadata (and with --audio its decoded audio) into a training archive.</summary>
public static class ExtractCommand
{
    public static Command Build(TextWriter output)
    {
        var dataset = new Option<string>("--dataset") { Description = "Which dataset the source holds", Required = true };
        dataset.AcceptOnlyFromAmong([.. DatasetSettings.Names]);
        var source = new Option<DirectoryInfo>("--source") { Description = "The dataset's folder (metadata and audio)", Required = true };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for the archive (created if missing)", Required = true };
        var audio = new Option<bool>("--audio") { Description = "Also decode and downsample the audio into the cache" };
        var limit = new Option<int?>("--limit") { Description = "Keep this many clips after shuffling (-1: all; default pipeline.dataset.limit)" };

        var command = new Command("extract", "Turn a dataset (MagnaTagATune, FMA, MSD, MTG-Jamendo) into labelled training data") { dataset, source, outDir, audio, limit };
        command.SetAction(async (parse, cancellation) =>
        {
            var context = CommandContext.Create("extract", parse, output);
            var sourceDir = parse.GetValue(source)!;
            if (!sourceDir.Exists)
                throw new UsageException($"usage error: --source {sourceDir.FullName} does not exist");
            var limitValue = parse.GetValue(limit);
            if (limitValue is < -1)
                throw new UsageException($"usage error: --limit must be -1 (all) or a clip count, got {limitValue}");
            var outPath = parse.GetValue(outDir)!.FullName;
            Directory.CreateDirectory(outPath);
            context.StartLog(Path.Combine(outPath, "logs"));
            return await RunAsync(context, parse.GetValue(dataset)!, sourceDir.FullName, outPath, parse.GetValue(audio), limitValue, cancellation);
        });
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, string datasetName, string source, string outPath,
        bool withAudio, int? limit, CancellationToken cancellation)
    {
        var settings = context.Settings;
        var selection = settings.Dataset.SelectionFor(datasetName, limit);
        var reader = settings.Dataset.ReaderFor(datasetName);

        // Only the audio needs actors: decoders here, or a cluster's workers.
        await using var node = withAudio
            ? await PipelineNode.StartAsync("extract", context.Layers.Merged, settings.Cluster, ResultShaping.Of(context.Layers), cancellation)
            : null;
        SupervisedDecoders? decoders = null;
        AudioExtraction? audio = null;
        if (node?.Work is { } work)
        {
            var failures = settings.Provider.Failures;
            audio = new AudioExtraction((clips, cached) => work.Run(new ExtractionJob(settings.Audio.SampleRate), clips)
                .SelectMany(JobResults.Events).Via(new FailureGuardStage(failures with { EarlierSuccesses = cached })),
                settings.Audio.SampleRate, settings.Provider.StreamBuffer, node.System);
        }
        else if (node is not null)
        {
            decoders = SupervisedDecoders.Start(node.System, settings.Provider.DecodeParallelism, settings.Provider.DecodeTimeout, settings.Audio);
            audio = new AudioExtraction(AudioExtraction.Local(new DataProvider(settings.Provider), decoders), settings.Audio.SampleRate,
                settings.Provider.StreamBuffer, node.System);
        }

        ExtractionSummary summary;
        using (var progress = new ProgressDisplay("extract", 0, settings.Logging.ProgressInterval))
        {
            summary = await new Extractor(selection, settings.Extraction.ShardBytes).RunAsync(reader, source, outPath, audio,
                p => progress.Report(p.Done, p.Total, $"{p.Failed} failed"), cancellation);
        }
        var restarts = decoders is null ? 0 : (await decoders.StatsAsync()).Restarts;
        Report(context.Output, summary, outPath, restarts);
        return ExitCodes.Success;
    }

    private static void Report(TextWriter output, ExtractionSummary summary, string outPath, long restarts)
    {
        Log.Information("extracted {Ok} of {Total} clips ({Failed} failed) in {Seconds:F1} s", summary.ClipsOk, summary.ClipsTotal, summary.ClipsFailed, summary.Seconds);
        output.WriteLine($"dataset      {summary.Dataset} ({summary.ClipsInMetadata} clips in the metadata, {summary.ClipsAfterLimit} after the limit, {summary.DroppedWithoutTags} without a kept tag)");
        foreach (var report in summary.MetadataReports)
            output.WriteLine($"metadata     {report}");
        output.WriteLine($"splits       train {summary.Splits["train"]}, valid {summary.Splits["valid"]}, test {summary.Splits["test"]}");
        output.WriteLine($"tags         {summary.Tags.Count}: {string.Join(", ", summary.Tags.Take(15))}{(summary.Tags.Count > 15 ? ", ..." : "")}");
        output.WriteLine($"audio        {(summary.Audio ? $"{summary.ClipsOk} clips cached at {summary.SampleRate} Hz ({summary.ClipsAlreadyCached} were already), {summary.ShardsWritten} shards written" : "not decoded (add --audio)")}");
        output.WriteLine($"failed       {summary.ClipsFailed} (listed in {Path.Combine(outPath, ArchiveFiles.Failed)}){(restarts > 0 ? $", {restarts} decoder restarts" : "")}");
        output.WriteLine($"speed        {summary.ClipsPerSecond} clips/s, {summary.Seconds:F1} s, {summary.BytesWritten / 1e6:F1} MB written");
        output.WriteLine($"output       {outPath}");
    }
}
