using System.CommandLine;
using Pipeline.Host.Cli;
using Pipeline.Host.Configuration;
using Pipeline.Model.Checkpoints;
using Pipeline.Model.Interop;
using Pipeline.Model.Models;
using Pipeline.Model.Runs;

namespace Pipeline.Host.Commands;

/// <summary>`model summary`: the configured model layer by layer; `model export` / `model import`: PyTorch state_dicts.</summary>
public static class ModelCommand
{
    public static Command Build(TextWriter output) =>
        new("model", "Inspect the configured model; move weights to and from PyTorch") { Summary(output), Export(output), ModelImportCommand.Build(output) };

    private static Command Summary(TextWriter output)
    {
        var tags = new Option<int?>("--tags") { Description = "Number of output tags (default: pipeline.dataset.top-tags)" };
        var summary = new Command("summary", "Print each layer's output shape and parameter count for the configured model") { tags };
        summary.SetAction(parse =>
        {
            var context = CommandContext.Create("model", parse, output);
            var settings = context.Settings;
            var tagCount = parse.GetValue(tags) ?? settings.Dataset.TopTags;
            if (tagCount < 1)
                throw new UsageException($"usage error: --tags must be at least 1, got {tagCount}");
            using var model = ModelFactory.Create(settings.Model, settings.Provider.WindowSamples, tagCount);
            output.WriteLine($"{ModelSettingsReader.NameOf(settings.Model.Architecture)}, input {settings.Provider.WindowSamples} samples " +
                             $"({settings.Provider.WindowSamples / (double)settings.Audio.SampleRate:F2} s at {settings.Audio.SampleRate} Hz), {tagCount} tags");
            output.Write(ModelSummary.Render(model, settings.Provider.WindowSamples));
            return ExitCodes.Success;
        });
        return summary;
    }

    private static Command Export(TextWriter output)
    {
        var runDir = new Option<DirectoryInfo>("--run") { Description = "A run folder (train or model import)", Required = true };
        var checkpoint = new Option<string>("--checkpoint") { Description = "best (default) or last", DefaultValueFactory = _ => "best" };
        checkpoint.AcceptOnlyFromAmong("best", "last");
        var file = new Option<FileInfo>("--out") { Description = "The PyTorch state_dict file to write (.pt)", Required = true };
        var layout = LayoutOption();
        var export = new Command("export", "Write a checkpoint's weights as a PyTorch state_dict (zip format; torch.load reads it)")
        {
            runDir, checkpoint, file, layout,
        };
        export.SetAction(parse =>
        {
            var run = new RunFolder(parse.GetValue(runDir)!.FullName);
            var path = parse.GetValue(checkpoint) == "last" ? run.LastCheckpoint : run.BestCheckpoint;
            if (!File.Exists(path))
                throw new UsageException($"usage error: {path} does not exist (train or import first, or pick --checkpoint last)");
            var info = CheckpointFile.ReadInfo(path);
            using var model = ModelFactory.Create(info.Model, info.WindowSamples, info.Tags.Count);
            CheckpointFile.Load(path, model, optimizer: null);
            var target = parse.GetValue(file)!.FullName;
            var tensors = WithUsageErrors(() => PyTorchWeights.Export(model, info.Model, ParseLayout(parse.GetValue(layout)!), target));
            output.WriteLine($"wrote {tensors} tensors ({ModelFactory.ParameterCount(model):N0} parameters) of " +
                             $"{ModelSettingsReader.NameOf(info.Model.Architecture)} to {target}");
            output.WriteLine($"  {info.Tags.Count} tags, {info.WindowSamples} samples per window at {info.SampleRate} Hz; the model " +
                             "returns logits: apply a sigmoid for tag probabilities and average them over a clip's windows");
            return ExitCodes.Success;
        });
        return export;
    }

    internal static Option<string> LayoutOption()
    {
        var layout = new Option<string>("--layout")
        {
            Description = "Key names: native (ours) or minzwon (Won et al.'s model.py; won2020-* architectures)",
            DefaultValueFactory = _ => "native",
        };
        layout.AcceptOnlyFromAmong("native", "minzwon");
        return layout;
    }

    internal static Layout ParseLayout(string name) => name == "minzwon" ? Layout.Minzwon : Layout.Native;

    /// <summary>A file that does not fit is the user's to fix: exit code 2 with the reader's message.</summary>
    internal static T WithUsageErrors<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (StateDictException e)
        {
            throw new UsageException($"usage error: {e.Message}");
        }
    }
}
