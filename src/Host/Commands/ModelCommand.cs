using System.CommandLine;
using Pipeline.Host.Cli;
using Pipeline.Model.Models;

namespace Pipeline.Host.Commands;

/// <summary>`model summary`: the configured model layer by layer (output shapes, parameters).</summary>
public static class ModelCommand
{
    public static Command Build(TextWriter output)
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
            using var model = ModelFactory.Create(settings.Model, settings.Provider.SegmentSamples, tagCount);
            output.WriteLine($"{settings.Model.Architecture}, input {settings.Provider.SegmentSamples} samples " +
                             $"({settings.Provider.SegmentSamples / (double)settings.Audio.SampleRate:F2} s at {settings.Audio.SampleRate} Hz), {tagCount} tags");
            output.Write(ModelSummary.Render(model, settings.Provider.SegmentSamples));
            return ExitCodes.Success;
        });
        return new Command("model", "Inspect the configured model") { summary };
    }
}
