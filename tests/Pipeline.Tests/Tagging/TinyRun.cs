using Pipeline.Host.Configuration;
using Pipeline.Model.Checkpoints;
using Pipeline.Model.Models;
using Pipeline.Model.Runs;
using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using TorchSharp;

namespace Pipeline.Tests.Tagging;

/// <summary>
/// A run folder holding a tiny untrained SampleCNN (3^5, 729-sample windows at 8 kHz, as the command-line tests
/// train), written straight as its best checkpoint: tagging, embedding and similarity need a model, not a good one.
/// </summary>
public static class TinyRun
{
    public const int SampleRate = 8_000;
    public const int WindowSamples = 729;
    public static readonly string[] Tags = ["low", "mid", "high", "loud"];

    public static readonly string[] Overrides =
    [
        "pipeline.provider.window-samples=729", "pipeline.model.depth=5", "pipeline.model.stem-channels=8",
        "pipeline.model.block-channels=[8, 8, 16, 16, 16]", "pipeline.model.head-channels=16",
    ];

    /// <param name="tags">The tags it predicts (default <see cref="Tags"/>), e.g. an extraction's, to be evaluated on it.</param>
    public static RunFolder Create(string directory, int seed = 7, IReadOnlyList<string>? tags = null)
    {
        var settings = PipelineSettings.Load(null, Overrides);
        var run = new RunFolder(directory);
        run.Create();
        torch.manual_seed(seed);
        tags ??= Tags;
        using var model = ModelFactory.Create(settings.Model, WindowSamples, tags.Count);
        // Batch norm's running statistics as training leaves them, not the identity of a fresh layer.
        model.train();
        using (torch.no_grad())
            model.call(torch.randn(16, 1, WindowSamples) * 0.3f).Dispose();
        var info = new CheckpointInfo(1, 10, 10, 1, new ScheduleState(0.01, 0.5, 0, 0), 0.5, tags, "tiny", settings.Model,
            WindowSamples, SampleRate, DateTime.UtcNow);
        CheckpointFile.Save(run.BestCheckpoint, info, model.state_dict(), optimizerState: null, random: null);
        return run;
    }
}
