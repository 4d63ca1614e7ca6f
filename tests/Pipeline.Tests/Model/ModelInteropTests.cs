using System.Text.Json;
using Pipeline.Host.Cli;
using Pipeline.Host.Configuration;
using Pipeline.Model.Checkpoints;
using Pipeline.Model.Models;
using Pipeline.Model.Runs;
using Pipeline.Tests.Parity;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Model;

/// <summary>
/// `model import` and `model export` against real PyTorch files: Won et al.'s SampleCNN and short-chunk ResNet (the
/// latter at their full size, with torchaudio's front end and its spec.* buffers) made by their code's structure in
/// Python (Parity/won2020_models.py, won2020_mel_models.py), imported, used to tag a file, exported back.
/// </summary>
[Collection(GlobalLoggerCollection.Name)]
public sealed class ModelInteropTests : IDisposable
{
    private static readonly string[] Tags = ["guitar", "piano", "drums", "vocal", "quiet"];
    private readonly TempDirectory _dir = new("model-interop");
    private readonly string _tags;

    public ModelInteropTests()
    {
        _tags = _dir.File("tags.txt");
        File.WriteAllLines(_tags, Tags);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// Runs Python with the reference models importable and <c>model</c> one of them with 5 tags (by default their
    /// SampleCNN) and batch-norm statistics of a trained model's size (decibels for a mel model's spec_bn).
    /// </summary>
    private static string RunPython(string body, string model = "won.Won2020SampleCNN") => Python.Run($"""
        import sys, json, torch
        sys.path.insert(0, {JsonSerializer.Serialize(Path.GetDirectoryName(ParityHarness.Script("parity_step.py")))})
        import won2020_models as won, won2020_mel_models as won_mel
        torch.manual_seed(3)
        model = {model}(n_class={Tags.Length})
        for m in model.modules():
            if isinstance(m, (torch.nn.BatchNorm1d, torch.nn.BatchNorm2d)):
                m.running_mean.normal_(0, 0.1); m.running_var.uniform_(0.5, 1.5)
        if hasattr(model, 'spec_bn'):
            model.spec_bn.running_mean.fill_(-40.0); model.spec_bn.running_var.fill_(400.0)
        {body}
        """);

    private (int Code, string Output, string Error) Import(string file, params string[] more) =>
        CliRunner.Run(["model", "import", file, "--layout", "minzwon", "--architecture", "won2020-sample-cnn", "--tags", _tags, .. more]);

    [Fact]
    public void Won_et_als_SampleCNN_imports_tags_a_file_as_PyTorch_does_and_exports_back_unchanged() =>
        ImportsTagsAndExportsBack("won2020-sample-cnn", "won.Won2020SampleCNN", Architecture.Won2020SampleCnn);

    [Fact]
    public void Won_et_als_short_chunk_ResNet_imports_with_its_preset_tags_a_file_as_PyTorch_does_and_exports_back_unchanged() =>
        ImportsTagsAndExportsBack("won2020-short-chunk-resnet", "won_mel.ShortChunkCNN_Res", Architecture.Won2020ShortChunkResNet,
            "--config", Path.Combine(ConfigLayers.DefaultsDirectory, "presets", "won2020-shortchunk-res.conf"));

    private void ImportsTagsAndExportsBack(string name, string model, Architecture architecture, params string[] importOptions)
    {
        var weights = _dir.File("minzwon.pt");
        var song = _dir.File("song.wav");
        WavWriter.Write(song, [.. Enumerable.Range(0, 2 * 59_049 + 1_000).Select(i => MathF.Sin(i * 0.05f) * 0.3f + MathF.Sin(i * 0.31f) * 0.2f + MathF.Sin(i * 1.7f) * 0.05f)], 16_000, 1);
        // Their clip score: the mean of the sigmoid outputs over the clip's windows (training/eval.py get_test_score).
        var expected = JsonSerializer.Deserialize<double[]>(RunPython($"""
            torch.save(model.state_dict(), {JsonSerializer.Serialize(weights)})
            import wave, numpy
            with wave.open({JsonSerializer.Serialize(song)}) as w:
                audio = numpy.frombuffer(w.readframes(w.getnframes()), dtype='<i2').astype(numpy.float32) / 32768
            windows = torch.from_numpy(audio[: len(audio) // 59049 * 59049].reshape(-1, 59049).copy())
            model.eval()
            with torch.no_grad():
                print(json.dumps(model(windows).mean(0).tolist()))
            """, model))!;
        var run = new RunFolder(_dir.File("run"));

        var imported = CliRunner.Run(["model", "import", weights, "--layout", "minzwon", "--architecture", name, "--tags", _tags, "--out", run.Root, .. importOptions]);
        var tagged = CliRunner.Run("tag", "--run", run.Root, song, "--json", "--top", "5");
        var exported = CliRunner.Run("model", "export", "--run", run.Root, "--layout", "minzwon", "--out", _dir.File("back.pt"));

        Assert.True(imported.Code == ExitCodes.Success, imported.Error);
        var info = CheckpointFile.ReadInfo(run.BestCheckpoint);
        Assert.Equal((architecture, 16_000, 59_049), (info.Model.Architecture, info.SampleRate, info.WindowSamples));
        Assert.Equal(Tags, info.Tags);
        Assert.True(File.Exists(run.LastCheckpoint) && File.Exists(run.ResolvedConfig));
        Assert.True(tagged.Code == ExitCodes.Success, tagged.Error);
        using var document = JsonDocument.Parse(tagged.Output);
        var file = document.RootElement.GetProperty("files")[0];
        Assert.Equal(2, file.GetProperty("windows").GetInt32());
        foreach (var tag in file.GetProperty("tags").EnumerateArray())
        {
            var expectedScore = expected[Array.IndexOf(Tags, tag.GetProperty("tag").GetString())];
            Assert.Equal(expectedScore, tag.GetProperty("score").GetDouble(), 0.00006); // the JSON keeps 4 decimals
        }
        Assert.True(exported.Code == ExitCodes.Success, exported.Error);
        Assert.Equal("same", RunPython($"""
            a, b = torch.load({JsonSerializer.Serialize(weights)}), torch.load({JsonSerializer.Serialize(_dir.File("back.pt"))})
            print('same' if sorted(a) == sorted(b) and all(torch.equal(a[k], b[k]) and a[k].dtype == b[k].dtype for k in a) else 'differ')
            """));
    }

    [Fact]
    public void A_pre_1_6_pth_file_is_refused_with_the_way_to_re_save_it()
    {
        var legacy = _dir.File("legacy.pth");
        RunPython($"torch.save(model.state_dict(), {JsonSerializer.Serialize(legacy)}, _use_new_zipfile_serialization=False)");

        var (code, _, error) = Import(legacy, "--out", _dir.File("run"));

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains("legacy (pre-1.6)", error);
        Assert.Contains("_use_new_zipfile_serialization=True", error);
        Assert.False(Directory.Exists(_dir.File("run")));
    }

    [Fact]
    public void A_missing_key_is_named_with_the_shape_the_model_needs()
    {
        var partial = _dir.File("partial.pt");
        RunPython($"""
            state = model.state_dict(); del state['layer3.bn.running_var']
            torch.save(state, {JsonSerializer.Serialize(partial)})
            """);

        var (code, _, error) = Import(partial, "--out", _dir.File("run"));

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains("has no key 'layer3.bn.running_var' (our blocks.block2.bn.running_var)", error);
        Assert.Contains("shape [128]", error);
    }

    [Fact]
    public void A_state_dict_saved_from_DataParallel_is_refused_with_the_way_to_save_it()
    {
        var parallel = _dir.File("parallel.pt");
        RunPython($"torch.save({{'module.' + k: v for k, v in model.state_dict().items()}}, {JsonSerializer.Serialize(parallel)})");

        var (code, _, error) = Import(parallel, "--out", _dir.File("run"));

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains("has no key 'layer1.conv.weight'", error);
        Assert.Contains("save model.module.state_dict()", error);
    }

    [Fact]
    public void Won_et_als_solver_wrapping_of_the_state_dict_imports_as_the_state_dict_itself()
    {
        var wrapped = _dir.File("wrapped.pt");
        RunPython($"torch.save({{'model': model.state_dict()}}, {JsonSerializer.Serialize(wrapped)})");
        var run = new RunFolder(_dir.File("run"));

        var (code, _, error) = Import(wrapped, "--out", run.Root);

        Assert.True(code == ExitCodes.Success, error);
        Assert.True(File.Exists(run.BestCheckpoint));
    }

    [Fact]
    public void A_key_of_the_wrong_shape_is_named_with_both_shapes()
    {
        var seven = _dir.File("seven-tags.pt");
        RunPython($"torch.save(won.Won2020SampleCNN(n_class=7).state_dict(), {JsonSerializer.Serialize(seven)})");

        var (code, _, error) = Import(seven, "--out", _dir.File("run"));

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains("key 'dense.weight' (our classifier.weight) has shape [7, 512], the model needs [5, 512]", error);
    }

    [Fact]
    public void The_minzwon_layout_is_refused_for_our_own_architectures()
    {
        var weights = _dir.File("minzwon.pt");
        RunPython($"torch.save(model.state_dict(), {JsonSerializer.Serialize(weights)})");

        var (code, _, error) = CliRunner.Run("model", "import", weights, "--layout", "minzwon", "--architecture", "sample-cnn",
            "--tags", _tags, "--out", _dir.File("run"));

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains("only the won2020-* architectures", error);
    }
}
