using System.Text.Json;
using Pipeline.Host.Cli;
using Pipeline.Streams.Tagging;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Scoring;
using Pipeline.Streams.Windows;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Tagging;

/// <summary>`embed` writes what numpy reads; `similar` finds a file's copy first.</summary>
[Collection(GlobalLoggerCollection.Name)]
public sealed class EmbedCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("embed-command");
    private readonly string _run;
    private readonly string _music;
    private readonly string _original;
    private readonly string _copy;
    private readonly string _bad;

    public EmbedCommandTests()
    {
        _run = TinyRun.Create(_dir.File("run")).Root;
        _music = _dir.File("music");
        Directory.CreateDirectory(Path.Combine(_music, "copies"));
        _original = AudioFixtures.MtatMp3(_dir.File("query.mp3"), seconds: 2.5, frequency: 1_200);
        _copy = Path.Combine(_music, "copies", "query-copy.mp3");
        File.Copy(_original, _copy);
        AudioFixtures.MtatMp3(Path.Combine(_music, "low.mp3"), seconds: 2.0, frequency: 90);
        AudioFixtures.SineWav(Path.Combine(_music, "high.wav"), 3_500, 22_050, 1.7, channels: 2);
        Tools.Run("sox", "-n", "-r", "16000", "-c", "1", "-b", "16", Path.Combine(_music, "noise.flac"), "synth", "2", "whitenoise", "vol", "0.3");
        _bad = Path.Combine(_music, "broken.mp3");
        File.WriteAllBytes(_bad, MusicFolder.RandomBytes(20_000, seed: 9));
    }

    public void Dispose() => _dir.Dispose();

    private (int Code, string Output, string Error) Cli(params string[] args) =>
        CliRunner.Run([.. args, "-D", "pipeline.training.threads=1", "-D", "pipeline.logging.directory=" + _dir.File("logs")]);

    private static string Py(string script) => Python.Run("import numpy as np, csv\n" + script);

    [Fact]
    public void Embeddings_are_a_float32_matrix_with_one_row_per_readable_file_and_a_copy_gives_the_same_row()
    {
        var folder = _dir.File("emb");

        var (code, output, error) = Cli("embed", _music, _original, "--recursive", "--run", _run, "--out", folder, "--over-time");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("embeddings.npy  float32 [5, 16]", output);
        Assert.Contains($"error: {_bad}: not audio", error);
        var check = Py($$"""
            d = {{JsonSerializer.Serialize(folder)}}
            e = np.load(d + '/embeddings.npy')
            rows = list(csv.DictReader(open(d + '/index.tsv'), delimiter='\t'))
            w = np.load(d + '/windows.npy')
            wrows = list(csv.DictReader(open(d + '/windows.tsv'), delimiter='\t'))
            by_file = {r['file']: int(r['row']) for r in rows}
            a, b = by_file[{{JsonSerializer.Serialize(_original)}}], by_file[{{JsonSerializer.Serialize(_copy)}}]
            means = all(np.allclose(w[[int(r['row']) for r in wrows if int(r['file_row']) == i]].mean(axis=0), e[i], atol=1e-6) for i in range(len(rows)))
            print(e.dtype, e.shape, len(rows), sorted(int(r['row']) for r in rows) == list(range(len(rows))), np.array_equal(e[a], e[b]),
                  w.dtype, w.shape[0] == len(wrows), means, open(d + '/failed.tsv').read().count('broken.mp3'))
            """);
        Assert.Equal("float32 (5, 16) 5 True True float32 True True 1", check);
        var meta = JsonSerializer.Deserialize<EmbeddingMeta>(File.ReadAllText(Path.Combine(folder, "embeddings.json")), EmbeddingFolder.Json)!;
        Assert.Equal((5L, 16, 1), (meta.Files, meta.Dimensions, meta.Failed));
        Assert.StartsWith("penultimate (input of classifier)", meta.Tapped);
    }

    [Fact]
    public void Similar_ranks_a_files_copy_first_whether_or_not_the_query_is_in_the_folder()
    {
        var folder = _dir.File("emb");
        Assert.Equal(ExitCodes.Success, Cli("embed", _music, "--recursive", "--run", _run, "--out", folder).Code);

        var fresh = Cli("similar", _original, "--embeddings", folder, "--top", "3", "--json");
        var own = Cli("similar", _copy, "--embeddings", folder, "--top", "10");

        Assert.True(fresh.Code == ExitCodes.Success, fresh.Error);
        using var json = JsonDocument.Parse(fresh.Output);
        var neighbours = json.RootElement.GetProperty("neighbours").EnumerateArray().ToList();
        Assert.Equal(3, neighbours.Count);
        Assert.Equal(_copy, neighbours[0].GetProperty("file").GetString());
        Assert.Equal(1.0, neighbours[0].GetProperty("score").GetDouble(), 5);
        Assert.True(neighbours[1].GetProperty("score").GetDouble() < 0.9999);
        // The query's own row is left out: the other three readable files remain.
        Assert.True(own.Code == ExitCodes.Success, own.Error);
        Assert.DoesNotContain(_copy, own.Output.Split('\n').Skip(1).SelectMany(l => l.Split(' ')));
        Assert.Equal(3, own.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);
    }

    [Fact]
    public void A_named_layer_is_embedded_averaged_over_time_and_an_unknown_one_is_a_usage_error_that_lists_them()
    {
        var folder = _dir.File("emb-block");

        var named = Cli("embed", _music, "--run", _run, "--out", folder, "--layer", "blocks.block3");
        var unknown = Cli("embed", _music, "--run", _run, "--out", _dir.File("nowhere"), "--layer", "blocks.block99");

        Assert.True(named.Code == ExitCodes.Success, named.Error);
        Assert.Contains("float32 [3, 16], blocks.block3", named.Output);
        Assert.Equal(ExitCodes.UsageOrConfiguration, unknown.Code);
        Assert.Contains("no layer 'blocks.block99'", unknown.Error);
        Assert.Contains("blocks.block5", unknown.Error);
        Assert.False(Directory.Exists(_dir.File("nowhere")));
    }
}
