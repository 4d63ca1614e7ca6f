using Pipeline.Shared.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Streams.Extraction;

/// <summary>summary.json: what an extraction did, for people and for scripts.</summary>
public sealed record ExtractionSummary(
    [property: JsonPropertyName("dataset")] string Dataset,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("clips_in_metadata")] int ClipsInMetadata,
    [property: JsonPropertyName("clips_after_limit")] int ClipsAfterLimit,
    [property: JsonPropertyName("dropped_without_tags")] int DroppedWithoutTags,
    [property: JsonPropertyName("clips_total")] int ClipsTotal,
    [property: JsonPropertyName("clips_ok")] int ClipsOk,
    [property: JsonPropertyName("clips_failed")] int ClipsFailed,
    [property: JsonPropertyName("clips_already_cached")] int ClipsAlreadyCached,
    [property: JsonPropertyName("splits")] IReadOnlyDictionary<string, int> Splits,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("audio")] bool Audio,
    [property: JsonPropertyName("sample_rate")] int? SampleRate,
    [property: JsonPropertyName("shards_written")] int ShardsWritten,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("clips_per_second")] double ClipsPerSecond,
    [property: JsonPropertyName("bytes_written")] long BytesWritten)
{
    /// <summary>The summary line of each report the dataset's reader wrote beside the archive (lastfm-match.tsv).</summary>
    [JsonPropertyName("metadata_reports")]
    public IReadOnlyList<string> MetadataReports { get; init; } = [];

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public void Write(string file) => AtomicFile.WriteAllText(file, JsonSerializer.Serialize(this, Options) + "\n");

    public static ExtractionSummary Read(string file) =>
        JsonSerializer.Deserialize<ExtractionSummary>(File.ReadAllText(file), Options)
        ?? throw new InvalidDataException($"{file} is empty");
}
