using Pipeline.Shared.IO;
using System.Globalization;
using System.Text;

namespace Pipeline.Streams.Cache;

/// <summary>
/// The cache's index.tsv (clip_id, shard, offset, length) and cache.json (sample rate, sample type). A shard
/// counts as finished exactly when the index lists it, which is what makes re-running an extraction safe.
/// </summary>
public static class CacheIndex
{
    public const string IndexFile = "index.tsv";
    public const string InfoFile = "cache.json";
    private const string Header = "clip_id\tshard\toffset\tlength";

    public static IReadOnlyList<CacheEntry> Read(string directory)
    {
        var path = Path.Combine(directory, IndexFile);
        if (!File.Exists(path))
            return [];
        var entries = new List<CacheEntry>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (lineNumber == 1 || line.Length == 0)
                continue;
            var fields = line.Split('\t');
            if (fields.Length != 4
                || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                || !int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                throw new InvalidDataException($"{path}:{lineNumber}: malformed cache index line");
            entries.Add(new CacheEntry(fields[0], fields[1], offset, length));
        }
        return entries;
    }

    public static void Write(string directory, IEnumerable<CacheEntry> entries)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var e in entries)
            text.Append(CultureInfo.InvariantCulture, $"{e.ClipId}\t{e.Shard}\t{e.Offset}\t{e.Length}\n");
        AtomicFile.WriteAllText(Path.Combine(directory, IndexFile), text.ToString());
    }

    public static int? ReadSampleRate(string directory)
    {
        var path = Path.Combine(directory, InfoFile);
        if (!File.Exists(path))
            return null;
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("sample_rate").GetInt32();
    }

    public static void WriteInfo(string directory, int sampleRate) =>
        AtomicFile.WriteAllText(Path.Combine(directory, InfoFile),
            $"{{\n  \"format\": 1,\n  \"sample_rate\": {sampleRate},\n  \"dtype\": \"int16\",\n  \"scale\": \"sample / 32768\"\n}}\n");
}
