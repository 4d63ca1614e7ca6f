using Pipeline.Shared.IO;
using System.CommandLine;
using Pipeline.Host.Cli;
using Pipeline.Host.Configuration;
using Pipeline.Model.Interop;
using Pipeline.Model.Models;
using Pipeline.Model.Runs;
using Pipeline.Model.Training;
using static TorchSharp.torch;

namespace Pipeline.Host.Commands;

/// <summary>
/// `model import`: a PyTorch state_dict becomes a run folder that `tag`, `evaluate` and `train --resume` take, as a
/// training run at step 0 would leave it: config.conf, checkpoints/last.ckpt and best.ckpt (the same weights).
/// </summary>
public static class ModelImportCommand
{
    /// <summary>Won et al. resample everything to 16 kHz (minzwon/sota-music-tagging-models preprocessing/mtat_read.py: fs = 16000).</summary>
    private const int Won2020SampleRate = 16_000;

    public static Command Build(TextWriter output)
    {
        var file = new Argument<FileInfo>("file") { Description = "A PyTorch state_dict (torch.save(model.state_dict(), path))" };
        var layout = ModelCommand.LayoutOption();
        var architecture = new Option<string>("--architecture") { Description = "The model the weights are for", Required = true };
        architecture.AcceptOnlyFromAmong([.. ModelSettingsReader.Architectures.Keys]);
        var tags = new Option<FileInfo>("--tags") { Description = "The model's tags, one per line, in output order", Required = true };
        var sampleRate = new Option<int?>("--sample-rate")
        {
            Description = "The rate the model was trained at (default: 16000 for --layout minzwon, else pipeline.audio.sample-rate)",
        };
        var windowSamples = new Option<int?>("--window-samples") { Description = "Samples per window (default: pipeline.provider.window-samples)" };
        var runDir = new Option<DirectoryInfo>("--out") { Description = "The run folder to create", Required = true };
        var command = new Command("import", "Make a run folder from a PyTorch state_dict, for tag, evaluate and train --resume")
        {
            file, layout, architecture, tags, sampleRate, windowSamples, runDir,
        };
        command.SetAction(parse =>
        {
            var chosenLayout = ModelCommand.ParseLayout(parse.GetValue(layout)!);
            var rate = parse.GetValue(sampleRate) ?? (chosenLayout == Layout.Minzwon ? Won2020SampleRate : null);
            var implied = new List<(string, string)>
            {
                ($"pipeline.model.architecture={parse.GetValue(architecture)}", "model import --architecture"),
            };
            if (rate is not null)
            {
                var origin = parse.GetValue(sampleRate) is null ? "model import --layout minzwon (16 kHz)" : "model import --sample-rate";
                implied.Add(($"pipeline.audio.sample-rate={rate}", origin));
            }
            if (parse.GetValue(windowSamples) is { } samples)
                implied.Add(($"pipeline.provider.window-samples={samples}", "model import --window-samples"));
            var context = CommandContext.Create("model", parse, output, implied);
            var run = new RunFolder(parse.GetValue(runDir)!.FullName);
            if (File.Exists(run.LastCheckpoint))
                throw new UsageException($"usage error: {run.Root} already holds a run; choose another --out");
            var source = parse.GetValue(file)!.FullName;
            return Import(context, source, chosenLayout, ReadTags(parse.GetValue(tags)!.FullName), run);
        });
        return command;
    }

    private static int Import(CommandContext context, string source, Layout layout, IReadOnlyList<string> tags, RunFolder run)
    {
        var settings = context.Settings;
        using var session = new TrainingSession(settings.Model, settings.Training, settings.Provider.WindowSamples, tags, CPU);
        ModelCommand.WithUsageErrors(() =>
        {
            PyTorchWeights.Import(source, session.Model, settings.Model, layout);
            return true;
        });
        run.Create();
        AtomicFile.WriteAllText(run.ResolvedConfig, ResolvedConfig.Render(context.Layers));
        var hash = ResolvedConfig.Hash(context.Layers);
        session.SaveLast(run.LastCheckpoint, hash, settings.Audio.SampleRate);
        AtomicFile.Write(run.BestCheckpoint, stream =>
        {
            using var last = File.OpenRead(run.LastCheckpoint);
            last.CopyTo(stream);
        });

        var name = ModelSettingsReader.NameOf(settings.Model.Architecture);
        context.Output.WriteLine($"imported {source} ({layout.ToString().ToLowerInvariant()} layout) as {name}: " +
                                 $"{ModelFactory.ParameterCount(session.Model):N0} parameters, {tags.Count} tags, " +
                                 $"{settings.Provider.WindowSamples} samples per window at {settings.Audio.SampleRate} Hz");
        context.Output.WriteLine($"run folder   {run.Root} (config.conf, checkpoints/best.ckpt, checkpoints/last.ckpt)");
        context.Output.WriteLine($"next         pipeline tag --run {run.Root} FILES...; pipeline train --data DATA --out {run.Root} " +
                                 $"--resume --config {run.ResolvedConfig}");
        return ExitCodes.Success;
    }

    private static IReadOnlyList<string> ReadTags(string path)
    {
        if (!File.Exists(path))
            throw new UsageException($"usage error: --tags {path} does not exist");
        var tags = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (tags.Count == 0)
            throw new UsageException($"usage error: --tags {path} holds no tags (one per line)");
        var duplicate = tags.GroupBy(t => t, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new UsageException($"usage error: --tags {path} lists '{duplicate.Key}' {duplicate.Count()} times");
        return tags;
    }
}
