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
/// A state_dict of Won et al.'s short-chunk ResNet at their full size, made by the structure of their code in Python
/// (Parity/won2020_mel_models.py, with torchaudio's front end and its spec.* buffers): `model import` takes it with the
/// preset, `tag` scores a file as their evaluation does, and `model export` gives the same file back.
/// </summary>
[Collection(GlobalLoggerCollection.Name)]
public sealed class MelInteropTests : IDisposable
{
    private static readonly string[] Tags = ["guitar", "piano", "drums", "vocal", "quiet"];
    private readonly TempDirectory _dir = new("mel-interop");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Won_et_als_short_chunk_ResNet_imports_tags_a_file_as_PyTorch_does_and_exports_back_unchanged()
    {
        var (weights, tags, song) = (_dir.File("short_res.pt"), _dir.File("tags.txt"), _dir.File("song.wav"));
        File.WriteAllLines(tags, Tags);
        WavWriter.Write(song, [.. Enumerable.Range(0, 2 * 59_049 + 1_000).Select(i => MathF.Sin(i * 0.05f) * 0.3f + MathF.Sin(i * 0.31f) * 0.2f + MathF.Sin(i * 1.7f) * 0.05f)], 16_000, 1);
        // Their clip score: the mean of the sigmoid outputs over the clip's windows (training/eval.py get_test_score).
        var expected = JsonSerializer.Deserialize<double[]>(Python.Run($"""
            import sys, json, wave, numpy, torch
            sys.path.insert(0, {JsonSerializer.Serialize(Path.GetDirectoryName(ParityHarness.Script("parity_step.py")))})
            import won2020_mel_models as won
            torch.manual_seed(3)
            model = won.ShortChunkCNN_Res(n_class={Tags.Length})
            for m in model.modules():
                if isinstance(m, (torch.nn.BatchNorm1d, torch.nn.BatchNorm2d)):
                    m.running_mean.normal_(0, 0.1); m.running_var.uniform_(0.5, 1.5)
            model.spec_bn.running_mean.fill_(-40.0); model.spec_bn.running_var.fill_(400.0)
            torch.save(model.state_dict(), {JsonSerializer.Serialize(weights)})
            with wave.open({JsonSerializer.Serialize(song)}) as w:
                audio = numpy.frombuffer(w.readframes(w.getnframes()), dtype='<i2').astype(numpy.float32) / 32768
            windows = torch.from_numpy(audio[: len(audio) // 59049 * 59049].reshape(-1, 59049).copy())
            model.eval()
            with torch.no_grad():
                print(json.dumps(model(windows).mean(0).tolist()))
            """))!;
        var run = new RunFolder(_dir.File("run"));
        var preset = Path.Combine(ConfigLayers.DefaultsDirectory, "presets", "won2020-shortchunk-res.conf");

        var imported = CliRunner.Run("model", "import", weights, "--layout", "minzwon", "--architecture", "won2020-short-chunk-resnet",
            "--tags", tags, "--out", run.Root, "--config", preset);
        var tagged = CliRunner.Run("tag", "--run", run.Root, song, "--json", "--top", "5");
        var exported = CliRunner.Run("model", "export", "--run", run.Root, "--layout", "minzwon", "--out", _dir.File("back.pt"));

        Assert.True(imported.Code == ExitCodes.Success, imported.Error);
        var info = CheckpointFile.ReadInfo(run.BestCheckpoint);
        Assert.Equal((Architecture.Won2020ShortChunkResNet, 16_000, 59_049), (info.Model.Architecture, info.SampleRate, info.SegmentSamples));
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
        Assert.Equal("same", Python.Run($"""
            import torch
            a, b = torch.load({JsonSerializer.Serialize(weights)}), torch.load({JsonSerializer.Serialize(_dir.File("back.pt"))})
            print('same' if sorted(a) == sorted(b) and all(torch.equal(a[k], b[k]) and a[k].dtype == b[k].dtype for k in a) else 'differ')
            """).Trim());
    }
}
