using System.Collections.Immutable;
using Pipeline.Host.Cli;
using Pipeline.Model.Checkpoints;
using Pipeline.Model.Models;
using Pipeline.Model.Runs;
using Pipeline.Model.Training;
using Pipeline.Shared;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;
using static TorchSharp.torch;

namespace Pipeline.Tests.Training;

/// <summary>
/// Fine-tuning (`train --init-from`): a model starts from another run's checkpoint with a new output layer for its own
/// tags; every other tensor is the source's, shapes are checked with a message that names the layer, and the run it
/// starts is an ordinary one that `--resume` continues.
/// </summary>
[Collection(GlobalLoggerCollection.Name)]
public sealed class InitFromTests : IDisposable
{
    private static readonly string[] SourceTags = ["a", "b", "c"];
    private static readonly string[] NewTags = ["v", "w", "x", "y", "z"];
    private readonly TempDirectory _dir = new("init-from");

    public void Dispose() => _dir.Dispose();

    private static Batch RandomBatch(int length, int tags, int seed)
    {
        var random = new Random(seed);
        return new Batch(16, length, tags, [.. Enumerable.Range(0, 16 * length).Select(_ => (float)(random.NextDouble() - 0.5))],
            [.. Enumerable.Range(0, 16 * tags).Select(_ => (float)random.Next(2))], [.. Enumerable.Range(0, 16).Select(row => new WindowRow(row, 0))]);
    }

    /// <summary>A checkpoint of <paramref name="settings"/> on three tags after two steps (moved weights and batch-norm statistics).</summary>
    private string Source(ModelSettings settings, int samples, string name)
    {
        using var session = new TrainingSession(settings, TrainingTests.Settings(1), samples, SourceTags, CPU);
        session.TrainStep(RandomBatch(samples, SourceTags.Length, 1));
        session.TrainStep(RandomBatch(samples, SourceTags.Length, 2));
        var path = _dir.File($"{name}.ckpt");
        session.SaveLast(path, "source", 16_000);
        return path;
    }

    private static Dictionary<string, Tensor> Weights(string checkpoint)
    {
        var info = CheckpointFile.ReadInfo(checkpoint);
        using var model = ModelFactory.Create(info.Model, info.WindowSamples, info.Tags.Count);
        CheckpointFile.Load(checkpoint, model, optimizer: null);
        return model.state_dict().ToDictionary(e => e.Key, e => e.Value.detach().clone());
    }

    [Theory]
    [InlineData(Architecture.SampleCnn)]
    [InlineData(Architecture.Won2020ShortChunkResNet)]
    public void Every_tensor_but_the_output_layer_is_the_sources_and_the_output_layer_is_the_new_models_own(Architecture architecture)
    {
        var settings = TestModels.Small(architecture);
        var source = Source(settings, settings.InputSamples, "source");
        using var target = new TrainingSession(settings, TrainingTests.Settings(1) with { Seed = 9 }, settings.InputSamples, NewTags, CPU);
        var initialHead = WeightTransfer.HeadKeys(target.Model).ToDictionary(k => k, k => target.Model.state_dict()[k].detach().clone());

        var report = WeightTransfer.StartFrom(source, target.Model, settings);

        var theirs = Weights(source);
        var ours = target.Model.state_dict();
        Assert.Equal(architecture == Architecture.SampleCnn ? ["classifier.weight", "classifier.bias"] : ["classifier.out.weight", "classifier.out.bias"],
            report.NewHead);
        Assert.Equal(NewTags.Length, ours[report.NewHead[0]].shape[0]);
        foreach (var key in report.NewHead)
            Assert.True(ours[key].allclose(initialHead[key], 0, 0), $"{key} must keep the new model's initial weights");
        var compared = ours.Keys.Except(report.NewHead).ToList();
        Assert.Equal(report.Loaded + report.OwnFrontEnd.Count, compared.Count);
        Assert.All(compared, key => Assert.True(ours[key].allclose(theirs[key], 0, 0), $"{key} differs from the source's"));
        Assert.Contains(compared, key => key.EndsWith("running_mean", StringComparison.Ordinal) && theirs[key].abs().sum().item<float>() > 0);
        Assert.Equal(architecture == Architecture.SampleCnn ? [] : ["mel.window", "mel.filters"], report.OwnFrontEnd);
    }

    [Fact]
    public void Other_widths_are_refused_naming_the_layer_and_both_shapes()
    {
        var narrow = TestModels.Small(Architecture.SampleCnn);
        var source = Source(narrow, narrow.InputSamples, "narrow");
        var wider = narrow with { BlockChannels = [16, 16, 32, 48, 32, 64] };
        using var target = new TrainingSession(wider, TrainingTests.Settings(1), wider.InputSamples, NewTags, CPU);
        var before = target.Model.state_dict().ToDictionary(e => e.Key, e => e.Value.detach().clone());

        var error = Assert.Throws<WeightTransferException>(() => WeightTransfer.StartFrom(source, target.Model, wider));

        Assert.Contains("layer blocks.block4.conv (weight) is [32, 32, 3] there and [48, 32, 3] here", error.Message);
        Assert.Contains(source, error.Message);
        Assert.All(target.Model.state_dict(), e => Assert.True(e.Value.allclose(before[e.Key], 0, 0), $"{e.Key} was written before the check failed"));
    }

    [Fact]
    public void Another_architecture_is_refused_naming_a_layer_it_lacks()
    {
        var cnn = TestModels.Small(Architecture.SampleCnn);
        var source = Source(cnn, cnn.InputSamples, "cnn");
        var mel = TestModels.Small(Architecture.Won2020ShortChunkCnn);
        using var target = new TrainingSession(mel, TrainingTests.Settings(1), mel.InputSamples, NewTags, CPU);

        var error = Assert.Throws<WeightTransferException>(() => WeightTransfer.StartFrom(source, target.Model, mel));

        Assert.Contains("it has no layer mel_bn (weight) [1]", error.Message);
        Assert.Contains("its SampleCnn with blocks [16, 16, 32, 32, 32, 64] and head 64 against this run's Won2020ShortChunkCnn", error.Message);
    }

    [Fact]
    public void A_fine_tuned_run_trains_from_the_command_line_and_resumes_like_any_run()
    {
        var config = TinyConfig.Config(_dir.File("tiny.conf"),
            "epochs = 1, batch-size = 16, optimizer = adam, learning-rate = 0.003, log-every-steps = 5, threads = 1");
        string[] vocabulary = ["low", "mid", "high", "loud"];
        var source = _dir.File("mtat");
        Directory.CreateDirectory(source);
        MtatFixture.Write(source, vocabulary, MtatFixture.Corpus(vocabulary, 32, seconds: 1.0), seconds: 1.0);
        var (all, three) = (_dir.File("data4"), _dir.File("data3"));
        var (pretrained, tuned) = (new RunFolder(_dir.File("pretrained")), new RunFolder(_dir.File("tuned")));
        Assert.Equal(ExitCodes.Success, CliRunner.Run("extract", "--dataset", "mtat", "--source", source, "--out", all, "--audio", "--config", config).Code);
        Assert.Equal(ExitCodes.Success, CliRunner.Run("extract", "--dataset", "mtat", "--source", source, "--out", three, "--audio",
            "--config", config, "-D", "pipeline.dataset.top-tags=3").Code);
        Assert.Equal(ExitCodes.Success, CliRunner.Run("train", "--data", all, "--out", pretrained.Root, "--config", config).Code);

        var both = CliRunner.Run("train", "--data", three, "--out", tuned.Root, "--init-from", pretrained.Root, "--resume", "--config", config);
        var started = CliRunner.Run("train", "--data", three, "--out", tuned.Root, "--init-from", pretrained.Root, "--config", config);
        var resumed = CliRunner.Run("train", "--data", three, "--out", tuned.Root, "--resume", "--config", config, "-D", "pipeline.training.epochs=2");

        Assert.Equal(ExitCodes.UsageOrConfiguration, both.Code);
        Assert.Contains("--init-from starts a new run", both.Error);
        Assert.True(started.Code == ExitCodes.Success, started.Error);
        Assert.Contains("completed 1 epochs", started.Output);
        Assert.True(resumed.Code == ExitCodes.Success, resumed.Error);
        Assert.Contains("completed 2 epochs", resumed.Output);
        var info = CheckpointFile.ReadInfo(tuned.LastCheckpoint);
        Assert.Equal((2, 3), (info.Epoch, info.Tags.Count));
        Assert.Equal(2, MetricsLog.Read(tuned.MetricsCsv).Count());
        var log = string.Concat(Directory.GetFiles(tuned.Logs).Select(File.ReadAllText));
        Assert.Contains("tensors loaded; a new output layer (classifier.weight, classifier.bias) for this dataset's 3 tags", log);
    }
}
