using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Datasets.Text;
using Pipeline.Streams.IO;
using Pipeline.Streams.Clips;

namespace Pipeline.Streams.Extraction;

/// <summary>
/// An extraction's output folder read back: the kept tags, every split's clips with their labels (from the .npy
/// matrices, which are authoritative), where the audio files are, and the audio cache if one was made.
/// </summary>
public sealed class ExtractedDataset
{
    private readonly Dictionary<Split, IReadOnlyList<ClipRef>> _splits;

    private ExtractedDataset(string directory, string audioRoot, IReadOnlyList<string> tags, Dictionary<Split, IReadOnlyList<ClipRef>> splits)
    {
        Directory = directory;
        AudioRoot = audioRoot;
        Tags = tags;
        _splits = splits;
    }

    public string Directory { get; }
    public string AudioRoot { get; }
    public IReadOnlyList<string> Tags { get; }
    public string AudioCacheDirectory => Path.Combine(Directory, ArchiveFiles.AudioFolder);

    public IReadOnlyList<ClipRef> Clips(Split split) => _splits[split];

    public static ExtractedDataset Open(string directory)
    {
        var tagsFile = Path.Combine(directory, ArchiveFiles.Tags);
        if (!File.Exists(tagsFile))
            throw new MetadataException(tagsFile, null, "not an extracted dataset (run the extract command first)");
        var tags = File.ReadAllLines(tagsFile).Where(l => l.Length > 0).ToList();

        var infoFile = Path.Combine(directory, ArchiveFiles.Dataset);
        using var info = JsonDocument.Parse(File.ReadAllText(infoFile));
        var audioRoot = info.RootElement.GetProperty("audio_root").GetString()
                        ?? throw new MetadataException(infoFile, null, "audio_root is missing");

        // Archives from before stated lengths were recorded have neither the property nor the column.
        var statedSource = info.RootElement.TryGetProperty("stated_length_source", out var source) ? source.GetString() : null;
        var splits = new Dictionary<Split, IReadOnlyList<ClipRef>>();
        foreach (var split in SplitNames.All)
            splits[split] = ReadSplit(directory, split, tags.Count, audioRoot, statedSource);
        return new ExtractedDataset(directory, audioRoot, tags, splits);
    }

    private static List<ClipRef> ReadSplit(string directory, Split split, int tagCount, string audioRoot, string? statedSource)
    {
        var listFile = Path.Combine(directory, ArchiveFiles.ClipList(split));
        var labelsFile = Path.Combine(directory, ArchiveFiles.Labels(split));
        var (header, labels) = NpyFile.ReadUInt8(labelsFile);
        if (header.Shape.Count != 2 || header.Shape[1] != tagCount)
            throw new MetadataException(labelsFile, null, $"expected a [clips, {tagCount}] matrix, found [{string.Join(", ", header.Shape)}]");

        var clips = new List<ClipRef>();
        using var reader = new DelimitedTextReader(listFile, '\t');
        reader.TryRead(out _);
        while (reader.TryRead(out var record))
        {
            if (record.Fields.Count < 2)
                throw new MetadataException(listFile, record.Line, "expected clip_id, path and tags");
            var row = clips.Count;
            if (row >= header.Shape[0])
                throw new MetadataException(listFile, record.Line, $"more clips than the {header.Shape[0]} rows of {Path.GetFileName(labelsFile)}");
            var vector = labels.AsSpan(row * tagCount, tagCount).ToArray().Select(b => (float)b).ToImmutableArray();
            var stated = statedSource is not null && record.Fields.Count > 3 && record.Fields[3].Length > 0
                ? new StatedLength(double.Parse(record.Fields[3], CultureInfo.InvariantCulture), statedSource)
                : null;
            clips.Add(new ClipRef(row, record.Fields[0], Path.Combine(audioRoot, record.Fields[1]), vector, stated));
        }
        if (clips.Count != header.Shape[0])
            throw new MetadataException(listFile, null, $"{clips.Count} clips but {header.Shape[0]} label rows");
        return clips;
    }
}
