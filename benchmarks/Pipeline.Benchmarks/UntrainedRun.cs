using Pipeline.Host.Configuration;
using Pipeline.Model.Checkpoints;
using Pipeline.Model.Models;
using Pipeline.Model.Runs;
using Pipeline.Model.Training.Schedules;
using TorchSharp;

namespace Pipeline.Benchmarks;

/// <summary>
/// A run folder holding the configured model untrained, as its best checkpoint: throughput of tagging depends on the
/// model's shape, not on what it learnt, and training one first would cost the benchmark minutes.
/// </summary>
public static class UntrainedRun
{
    public static string Create(string directory, int tagCount, int seed = 1)
    {
        var settings = PipelineSettings.Load(null, []);
        var run = new RunFolder(directory);
        run.Create();
        torch.manual_seed(seed);
        var tags = Enumerable.Range(0, tagCount).Select(t => $"tag{t}").ToList();
        using var model = ModelFactory.Create(settings.Model, settings.Provider.WindowSamples, tags.Count);
        var info = new CheckpointInfo(0, 0, 0, 0, new ScheduleState(settings.Training.LearningRate, 1, 0, 0), null, tags, "untrained",
            settings.Model, settings.Provider.WindowSamples, settings.Audio.SampleRate, DateTime.UtcNow);
        CheckpointFile.Save(run.BestCheckpoint, info, model.state_dict(), optimizerState: null, random: null);
        return run.Root;
    }
}
