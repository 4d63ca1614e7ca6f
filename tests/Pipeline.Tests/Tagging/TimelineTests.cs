using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using System.Text.Json;
using Pipeline.Host.Cli;
using Pipeline.Model.Evaluation;
using Pipeline.Model.Runs;
using Pipeline.Shared;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Pipeline.Streams.Graph.Stages;
using Pipeline.Streams.Tagging;
using Pipeline.Streams.Scoring;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Tagging;

/// <summary>What `tag` scores: every window as evaluation cuts it, over time with --over-time, pooled by mean or max.</summary>
[Collection(GlobalLoggerCollection.Name)]
public sealed class TimelineTests : IDisposable
{
    private readonly TempDirectory _dir = new("tag-timeline");
    private readonly RunFolder _run;

    public TimelineTests()
    {
        _run = TinyRun.Create(_dir.File("run"));
    }

    public void Dispose() => _dir.Dispose();

    private JsonElement TagOne(string file, params string[] args)
    {
        var (code, output, error) = CliRunner.Run(["tag", "--run", _run.Root, file, "--json", "--top", "4", .. args,
            "-D", "pipeline.logging.directory=" + _dir.File("logs")]);
        Assert.True(code == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        return Assert.Single(json.RootElement.GetProperty("files").EnumerateArray()).Clone();
    }

    private static Dictionary<string, double> Scores(JsonElement file) =>
        file.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("tag").GetString()!, t => t.GetProperty("score").GetDouble());

    [Fact]
    public void A_files_scores_are_the_mean_of_the_windows_evaluation_cuts()
    {
        var file = AudioFixtures.MtatMp3(_dir.File("clip.mp3"), seconds: 3.3, frequency: 330);
        var scores = Scores(TagOne(file));

        // Evaluation's way: the whole file decoded and resampled, every whole window, predictions averaged.
        var audio = new Resampler(TinyRun.SampleRate, ResampleQuality.High).ToOutputRate(TestSettings.Defaults.Audio.CreateReader().Read(file));
        var grid = new WindowGrid(TinyRun.WindowSamples, TinyRun.WindowSamples);
        var samples = new ArraySamples(audio.Samples);
        var windows = Enumerable.Range(0, (int)grid.CountFor(samples.Length)).Select(k => WindowCutter.Cut(grid, samples, k)).ToList();
        var (session, _) = EvaluationSession.FromCheckpoint(_run.BestCheckpoint, TorchSharp.torch.CPU, Precision.Fp32);
        using (session)
        {
            var probabilities = windows.Chunk(32)
                .SelectMany(chunk => session.Predict(Batch.Unlabelled(chunk.Length, TinyRun.WindowSamples, [.. chunk.SelectMany(w => w)])).Chunk(TinyRun.Tags.Length))
                .ToList();
            for (var t = 0; t < TinyRun.Tags.Length; t++)
                Assert.Equal(probabilities.Average(p => p[t]), scores[TinyRun.Tags[t]], 4);
        }
    }

    [Fact]
    public void The_timeline_has_a_row_per_window_covering_the_file_and_pools_to_the_files_scores()
    {
        var file = AudioFixtures.MtatMp3(_dir.File("clip.mp3"), seconds: 2.2, frequency: 660);

        var mean = TagOne(file, "--over-time", "--hop", "0.04");
        var max = TagOne(file, "--over-time", "--hop", "0.04", "--pool", "max");

        var timeline = mean.GetProperty("timeline");
        Assert.Equal(TinyRun.WindowSamples / (double)TinyRun.SampleRate, timeline.GetProperty("window_seconds").GetDouble(), 6);
        Assert.Equal(0.04, timeline.GetProperty("hop_seconds").GetDouble(), 6);
        Assert.Equal(TinyRun.Tags, timeline.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var rows = timeline.GetProperty("scores").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToList();
        var seconds = mean.GetProperty("seconds").GetDouble();
        Assert.Equal(mean.GetProperty("windows").GetInt32(), rows.Count);
        Assert.Equal(new WindowShape(TinyRun.SampleRate, TinyRun.WindowSamples, 320).WindowsFor((long)Math.Round(seconds * TinyRun.SampleRate)), rows.Count);
        // Every whole window: the last one ends within a hop of the file's end.
        var lastEnd = (rows.Count - 1) * 0.04 + TinyRun.WindowSamples / (double)TinyRun.SampleRate;
        Assert.InRange(lastEnd, seconds - 0.04, seconds + 1e-3);
        Assert.All(rows, r => Assert.Equal(TinyRun.Tags.Length, r.Length));
        var (meanScores, maxScores) = (Scores(mean), Scores(max));
        for (var t = 0; t < TinyRun.Tags.Length; t++)
        {
            var column = rows.Select(r => r[t]).ToList();
            // Both sides rounded to 4 decimals.
            Assert.InRange(meanScores[TinyRun.Tags[t]] - column.Average(), -1e-4, 1e-4);
            Assert.InRange(maxScores[TinyRun.Tags[t]] - column.Max(), -1e-4, 1e-4);
        }
    }

    [Fact]
    public void A_plot_folder_gets_a_heat_map_per_file()
    {
        var files = new[] { AudioFixtures.MtatMp3(_dir.File("x.mp3"), seconds: 1.5), AudioFixtures.SineWav(_dir.File("y.wav"), 440, 16_000, 1.0) };
        var plots = _dir.File("plots");

        var (code, output, error) = CliRunner.Run(["tag", "--run", _run.Root, .. files, "--json", "--plot", plots,
            "-D", "pipeline.logging.directory=" + _dir.File("logs")]);

        Assert.True(code == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        var drawn = json.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("plot").GetString()!).ToList();
        Assert.Equal(2, drawn.Distinct().Count());
        Assert.All(drawn, png =>
        {
            Assert.Equal(plots, Path.GetDirectoryName(png));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);
        });
        Assert.False(json.RootElement.GetProperty("files")[0].TryGetProperty("timeline", out _));
    }
}
