using System.Text.Json;
using Pipeline.Host.Cli;
using Pipeline.Model.Checkpoints;
using Pipeline.Model.Runs;
using Pipeline.Streams.Extraction;
using Pipeline.Tests.Parity;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;

namespace Pipeline.Tests.Model;

/// <summary>A run folder made by `model import` is one that `train --resume` and `evaluate` take, as a trained one is.</summary>
[Collection(GlobalLoggerCollection.Name)]
public sealed class ImportedRunTests : IDisposable
{
    private readonly TempDirectory _dir = new("imported-run");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_imported_PyTorch_SampleCNN_resumes_training_and_evaluates_from_its_run_folder()
    {
        string[] vocabulary = ["low", "mid", "high", "loud"];
        var config = TinyConfig.Config(_dir.File("tiny.conf"), "epochs = 1, batch-size = 16, learning-rate = 0.003, log-every-steps = 5, threads = 1");
        var source = _dir.File("mtat");
        Directory.CreateDirectory(source);
        MtatFixture.Write(source, vocabulary, MtatFixture.Corpus(vocabulary, 16, seconds: 1.0), seconds: 1.0);
        var data = _dir.File("data");
        Assert.Equal(ExitCodes.Success, CliRunner.Run("extract", "--dataset", "mtat", "--source", source, "--out", data, "--audio", "--config", config).Code);
        var tags = _dir.File("tags.txt");
        File.WriteAllLines(tags, ExtractedDataset.Open(data).Tags);
        var weights = _dir.File("lee.pt");
        Python.Run($"""
            import sys, torch
            sys.path.insert(0, {JsonSerializer.Serialize(Path.GetDirectoryName(ParityHarness.Script("parity_step.py")))})
            import reference_models as ref
            model = ref.Lee2017(m=3, n=5, stride=3, stem=8, blocks=[8, 8, 16, 16, 16], head=16, dropout=0.5, tags={vocabulary.Length})
            torch.save(model.state_dict(), {JsonSerializer.Serialize(weights)})
            """);
        var run = new RunFolder(_dir.File("run"));

        var imported = CliRunner.Run("model", "import", weights, "--layout", "native", "--architecture", "sample-cnn", "--tags", tags,
            "--sample-rate", "8000", "--out", run.Root, "--config", config);
        Assert.True(imported.Code == ExitCodes.Success, imported.Error);
        Assert.Contains("pipeline.model.architecture = sample-cnn    # model import --architecture", File.ReadAllText(run.ResolvedConfig));
        var before = CheckpointFile.ReadInfo(run.LastCheckpoint);

        var resumed = CliRunner.Run("train", "--data", data, "--out", run.Root, "--resume", "--config", run.ResolvedConfig);
        var evaluated = CliRunner.Run("evaluate", "--data", data, "--run", run.Root, "--split", "test", "--config", run.ResolvedConfig);

        Assert.Equal((0, 0L), (before.Epoch, before.Step));
        Assert.True(resumed.Code == ExitCodes.Success, resumed.Error);
        Assert.Contains("completed 1 epochs", resumed.Output);
        Assert.True(CheckpointFile.ReadInfo(run.LastCheckpoint).Step > 0);
        Assert.True(evaluated.Code == ExitCodes.Success, evaluated.Error);
        Assert.True(File.Exists(Path.Combine(run.Reports, "test-metrics.json")));
    }
}
