using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Pipeline.Actors.Cluster.Wire;
using Akka.Streams.Dsl;
using Pipeline.Actors.Composition;
using Pipeline.Actors.Training;
using Pipeline.Host.Cli;
using Pipeline.Host.Configuration;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Extraction;
using Pipeline.Streams.Graph;
using Serilog;

namespace Pipeline.Host.Commands;

/// <summary>
/// `provider`: runs the training data provider over an extracted dataset into a null consumer and reports
/// throughput and the process's peak memory, to check that the data path can feed a trainer (or a GPU).
/// </summary>
public static class ProviderCommand
{
    public static Command Build(TextWriter output)
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "An extract command's output folder", Required = true };
        var split = new Option<string>("--split") { Description = "train, valid or test", DefaultValueFactory = _ => "train" };
        split.AcceptOnlyFromAmong("train", "valid", "test");
        var epochs = new Option<int>("--epochs") { Description = "Epochs to run", DefaultValueFactory = _ => 1 };
        var repeat = new Option<int>("--repeat") { Description = "Run over the split's clips this many times per epoch (a larger corpus)", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("provider", "Measure the data provider: training batches into a null consumer, windows/s and peak memory")
        {
            data, split, epochs, repeat, json,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var context = CommandContext.Create("provider", parse, output);
            var (epochCount, repeatCount) = (parse.GetValue(epochs), parse.GetValue(repeat));
            if (epochCount < 1 || repeatCount < 1)
                throw new UsageException($"usage error: --epochs and --repeat must be at least 1 (got {epochCount} and {repeatCount})");
            var dataset = ExtractedDataset.Open(parse.GetValue(data)!.FullName);
            context.StartLog();
            return await RunAsync(context, dataset, SplitNames.Parse(parse.GetValue(split)!), epochCount, repeatCount, parse.GetValue(json), cancellation);
        });
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, ExtractedDataset dataset, Split split, int epochs, int repeat,
        bool asJson, CancellationToken cancellation)
    {
        var settings = context.Settings;
        await using var node = await PipelineNode.StartAsync("provider", context.Layers.Merged, settings.Cluster, ResultShaping.Of(context.Layers), cancellation);
        var provider = new DataProvider(settings.Provider);
        using var audio = DatasetAudio.Open(dataset, settings.AudioSource, settings.Audio, settings.Provider, node.System);
        var clips = audio.Clips(split);
        var repeated = Enumerable.Range(0, repeat).SelectMany(_ => clips).Select((c, i) => c with { Index = i }).ToList();
        var data = node.TrainingData(provider, repeated, audio.Audio, settings.Audio.SampleRate, settings.Training.BatchSize, settings.Training.Seed);
        Log.Information("provider over {Clips} clips x {Epochs} epochs from {Audio}", repeated.Count, epochs,
            node.IsCoordinator ? "the cluster's workers" : audio.Description);

        var watch = Stopwatch.StartNew();
        long windows = 0;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            await data.Epoch(epoch, EpochStart.Fresh)
                .RunForeach(batch => windows += batch.Count, StreamMaterializer.Create(node.System, settings.Provider.StreamBuffer))
                .WaitAsync(cancellation);
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var peak = PeakResidentMegabytes();
        if (asJson)
        {
            context.Output.WriteLine(JsonSerializer.Serialize(new
            {
                clips = repeated.Count, epochs, windows, seconds = Math.Round(seconds, 3),
                windows_per_second = Math.Round(windows / seconds, 1), peak_resident_mb = Math.Round(peak, 1),
                window_samples = settings.Provider.WindowSamples, wire_bytes_received = Parcels.BytesReceived,
            }));
        }
        else
        {
            context.Output.WriteLine($"windows     {windows} of {settings.Provider.WindowSamples} samples from {repeated.Count} clips x {epochs} epochs ({audio.Description})");
            context.Output.WriteLine($"throughput   {windows / seconds:F1} windows/s ({seconds:F1} s)");
            context.Output.WriteLine($"peak memory  {peak:F0} MB resident");
        }
        return ExitCodes.Success;
    }

    /// <summary>The process's peak resident set (VmHWM), the figure that bounded buffering keeps flat.</summary>
    private static double PeakResidentMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }
}
