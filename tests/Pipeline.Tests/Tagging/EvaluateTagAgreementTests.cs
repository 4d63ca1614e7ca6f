using System.Globalization;
using System.Text.Json;
using Pipeline.Host.Cli;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;

namespace Pipeline.Tests.Tagging;

/// <summary>
/// `evaluate` and `tag` read a file through the one path (decoder pool, window cutter, batches, the scoring actor, the
/// regrouping), so the score `evaluate` gives a clip is the score `tag` gives its file, checkpoint for checkpoint.
/// </summary>
public sealed class EvaluateTagAgreementTests : IDisposable
{
    private readonly TempDirectory _dir = new("evaluate-tag");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Evaluate_and_tag_give_every_file_the_same_scores()
    {
        string[] vocabulary = ["bass", "drone", "hiss", "tone"];
        Directory.CreateDirectory(_dir.File("mtat"));
        MtatFixture.Write(_dir.File("mtat"), vocabulary, MtatFixture.Corpus(vocabulary, 48, seconds: 2.0), seconds: 2.0);
        var logs = $"pipeline.logging.directory={_dir.File("logs")}";
        var (extracted, _, extractError) = CliRunner.Run("extract", "--dataset", "mtat", "--source", _dir.File("mtat"), "--out", _dir.File("data"), "-D", logs);
        Assert.True(extracted == ExitCodes.Success, extractError);
        var run = TinyRun.Create(_dir.File("run"), tags: File.ReadAllLines(_dir.File("data/tags.txt"))).Root;

        var (evaluated, _, evaluateError) = CliRunner.Run("evaluate", "--data", _dir.File("data"), "--run", run, "--split", "test",
            "-D", "pipeline.training.audio-source=files", "-D", logs);
        Assert.True(evaluated == ExitCodes.Success, evaluateError);
        var predictions = File.ReadAllLines(Path.Combine(run, "reports", "test-predictions.tsv"));
        var tags = predictions[0].Split('\t')[2..];
        var byFile = predictions.Skip(1).Select(line => line.Split('\t'))
            .ToDictionary(f => f[1], f => f[2..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());

        var (tagged, output, tagError) = CliRunner.Run(["tag", "--run", run, .. byFile.Keys, "--json", "--top", "4", "-D", logs]);
        Assert.True(tagged == ExitCodes.Success, tagError);

        using var json = JsonDocument.Parse(output);
        var files = json.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.True(byFile.Count >= 4, $"only {byFile.Count} test clips: the test compares too little");
        Assert.Equal(byFile.Count, files.Count);
        foreach (var file in files)
        {
            var expected = byFile[file.GetProperty("file").GetString()!];
            var scores = file.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("tag").GetString()!, t => t.GetProperty("score").GetDouble());
            for (var t = 0; t < tags.Length; t++)
                Assert.Equal(Math.Round(expected[t], 4), scores[tags[t]]); // tag prints scores to 4 decimals
        }
    }
}
