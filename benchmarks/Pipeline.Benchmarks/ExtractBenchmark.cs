using Pipeline.Streams.Extraction;

namespace Pipeline.Benchmarks;

/// <summary>`extract --audio` of an MTAT-format corpus (29.1 s 16 kHz MP3s, resampled to 22,050 Hz into the cache).</summary>
public static class ExtractBenchmark
{
    public static string Run(Report report, string benchDirectory, int clips)
    {
        var corpus = BenchCorpus.EnsureMtat(benchDirectory, clips);
        var output = Path.Combine(benchDirectory, $"mtat-{clips}-extracted");
        if (Directory.Exists(output))
            Directory.Delete(output, recursive: true);

        InProcessCli.Run("extract", "--dataset", "mtat", "--source", corpus, "--out", output, "--audio");
        var summary = ExtractionSummary.Read(Path.Combine(output, ArchiveFiles.Summary));

        var reference = 25_863 / (52 * 60 + 24.0);
        report.Section($"Extraction (`extract --audio`, {clips} MTAT-format clips)", $"""
            | clips | ok | failed | seconds | clips/s | full MTAT (25,863 clips) at this rate | written |
            |---|---|---|---|---|---|---|
            | {summary.ClipsTotal} | {summary.ClipsOk} | {summary.ClipsFailed} | {summary.Seconds:F1} | **{summary.ClipsPerSecond:F1}** | {25_863 / summary.ClipsPerSecond / 60:F1} min | {summary.BytesWritten / 1e9:F2} GB |

            Decode (libsndfile/mpg123) + resample 16 kHz -> 22,050 Hz (soxr high) + int16 shards, {Environment.ProcessorCount} cores.
            Target >= 100 clips/s. The Python reference took 52 min 24 s ({reference:F1} clips/s): this is {summary.ClipsPerSecond / reference:F1}x.
            """);
        return output;
    }
}
