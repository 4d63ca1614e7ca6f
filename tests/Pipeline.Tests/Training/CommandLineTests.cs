using System.Text.Json;
using Pipeline.Host.Cli;
using Pipeline.Model.Checkpoints;
using Pipeline.Model.Runs;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;

namespace Pipeline.Tests.Training;

/// <summary>extract -> train -> evaluate -> tag as a user runs them, on a small MTAT-format fixture and a tiny model.</summary>
[Collection(GlobalLoggerCollection.Name)]
public sealed class CommandLineTests : IDisposable
{
    private static readonly string[] Vocabulary = ["low", "mid", "high", "loud"];
    private readonly TempDirectory _dir = new("cli-learning");
    private readonly string _config;

    public CommandLineTests()
    {
        _config = TinyConfig.Config(_dir.File("tiny.conf"),
            "epochs = 2, batch-size = 16, optimizer = adam, learning-rate = 0.003, log-every-steps = 5, threads = 1");
    }

    public void Dispose() => _dir.Dispose();

    private (int Code, string Output, string Error) Run(params string[] args) => CliRunner.Run([.. args, "--config", _config]);

    [Fact]
    public void Extract_train_resume_evaluate_and_tag_from_the_command_line()
    {
        var source = _dir.File("mtat");
        Directory.CreateDirectory(source);
        var clips = MtatFixture.Corpus(Vocabulary, 32, seconds: 1.0);
        MtatFixture.Write(source, Vocabulary, clips, seconds: 1.0);
        var data = _dir.File("data");
        var run = new RunFolder(_dir.File("run"));

        Assert.Equal(ExitCodes.Success, Run("extract", "--dataset", "mtat", "--source", source, "--out", data, "--audio").Code);
        var train = Run("train", "--data", data, "--out", run.Root);
        Assert.True(train.Code == ExitCodes.Success, train.Error);
        Assert.Contains("completed 2 epochs", train.Output);
        Assert.True(File.Exists(run.BestCheckpoint) && File.Exists(run.LastCheckpoint) && File.Exists(run.ResolvedConfig));
        Assert.Contains("pipeline.model.depth = 5", File.ReadAllText(run.ResolvedConfig));
        Assert.Equal(2, MetricsLog.Read(run.MetricsCsv).Count());

        var again = Run("train", "--data", data, "--out", run.Root);
        Assert.Equal(ExitCodes.UsageOrConfiguration, again.Code);
        Assert.Contains("--resume", again.Error);

        var stepsBefore = CheckpointFile.ReadInfo(run.LastCheckpoint).Step;
        // What a run (process 4242) killed while writing a checkpoint leaves behind; resuming removes it.
        var unfinished = Path.Combine(run.Checkpoints, "last.ckpt.tmp-4242");
        File.WriteAllBytes(unfinished, new byte[100]);
        var resumed = CliRunner.Run("train", "--data", data, "--out", run.Root, "--resume", "--config", _config, "-D", "pipeline.training.epochs=3");
        Assert.True(resumed.Code == ExitCodes.Success, resumed.Error);
        Assert.False(File.Exists(unfinished));
        Assert.Equal(stepsBefore * 3 / 2, CheckpointFile.ReadInfo(run.LastCheckpoint).Step);
        Assert.Equal(3, MetricsLog.Read(run.MetricsCsv).Count());

        var evaluate = Run("evaluate", "--data", data, "--run", run.Root, "--split", "test");
        Assert.True(evaluate.Code == ExitCodes.Success, evaluate.Error);
        using (var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Reports, "test-metrics.json"))))
        {
            var root = report.RootElement;
            Assert.Equal(8, root.GetProperty("clips").GetInt32());
            Assert.True(root.GetProperty("loss").GetDouble() > 0);
            Assert.Equal(Vocabulary.Length, root.GetProperty("per_tag").EnumerateObject().Count());
        }
        Assert.Contains("| tag | ROC-AUC | PR-AUC | positives |", File.ReadAllText(Path.Combine(run.Reports, "test-metrics.md")));

        var good = Path.Combine(source, clips[0].Path);
        var missing = _dir.File("nowhere.mp3");
        var tag = Run("tag", "--run", run.Root, good, missing, "--top", "2");
        Assert.Equal(ExitCodes.Success, tag.Code);
        Assert.Contains(good, tag.Output);
        Assert.Contains($"error: {missing}: missing", tag.Error);
        Assert.Single(tag.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:"));

        var json = Run("tag", "--run", run.Root, good, "--json", "--top", "3");
        Assert.Equal(ExitCodes.Success, json.Code);
        using var tags = JsonDocument.Parse(json.Output);
        var file = Assert.Single(tags.RootElement.GetProperty("files").EnumerateArray());
        Assert.Equal(3, file.GetProperty("tags").GetArrayLength());
        // Every whole 729-sample window of the clip at 8 kHz (the MP3 runs a little past 1 s).
        Assert.Equal((int)(file.GetProperty("seconds").GetDouble() * 8_000 / 729), file.GetProperty("windows").GetInt32());

        // Tagging follows pipeline.training.precision: bf16 layers change the probabilities, but each by less than 0.06
        // (this small model's logits of up to about 5 are a few percent off in bf16, through a sigmoid whose slope is
        // at most 1/4). AutocastTests bound the layers themselves tightly.
        Dictionary<string, double> Scores(string precision)
        {
            var result = CliRunner.Run("tag", "--run", run.Root, good, "--json", "--top", "4", "--config", _config, "-D", $"pipeline.training.precision={precision}");
            Assert.True(result.Code == ExitCodes.Success, result.Error);
            using var document = JsonDocument.Parse(result.Output);
            return document.RootElement.GetProperty("files")[0].GetProperty("tags").EnumerateArray()
                .ToDictionary(t => t.GetProperty("tag").GetString()!, t => t.GetProperty("score").GetDouble());
        }
        var (fp32, bf16) = (Scores("fp32"), Scores("bf16"));
        Assert.Equal(Vocabulary.Order(), bf16.Keys.Order());
        Assert.All(Vocabulary, t => Assert.InRange(bf16[t] - fp32[t], -0.06, 0.06));
        Assert.Contains(Vocabulary, t => bf16[t] != fp32[t]);
    }

    [Fact]
    public void Model_summary_prints_the_configured_model()
    {
        var (code, output, _) = Run("model", "summary", "--tags", "4");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("input 729 samples", output);
        Assert.Contains("blocks.block5.pool", output);
        Assert.Contains("[1, 4]", output);
    }

    [Fact]
    public void A_model_that_does_not_fit_the_segment_length_is_a_configuration_error()
    {
        var (code, _, error) = Run("model", "summary", "-D", "pipeline.provider.window-samples=1000");

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains("pipeline.provider.window-samples = 1000", error);
        Assert.Contains("3^6 = 729", error);
    }
}
