using System.Collections.Immutable;
using Pipeline.Streams.Datasets.Text;

namespace Pipeline.Streams.Datasets.Mtat;

/// <summary>
/// Reads MagnaTagATune's annotations_final.csv: tab separated, every field quoted, a header of clip_id, the tag
/// columns and mp3_path (found by name, never by position), one 0/1 per tag. Audio paths are relative to the source.
/// </summary>
public sealed class MtatReader(MtatSettings settings) : IDatasetReader
{
    public const string ClipIdColumn = "clip_id";
    public const string PathColumn = "mp3_path";

    public DatasetMetadata Read(string sourceDirectory)
    {
        var file = Path.Combine(sourceDirectory, settings.AnnotationsFile);
        if (!File.Exists(file))
            throw new MetadataException(file, null, "MagnaTagATune annotations not found (set pipeline.dataset.mtat.annotations or --source)");

        using var reader = new DelimitedTextReader(file, '\t');
        if (!reader.TryRead(out var header))
            throw new MetadataException(file, null, "the file is empty");

        var columns = header.Fields;
        var idColumn = RequiredColumn(file, header, ClipIdColumn);
        var pathColumn = RequiredColumn(file, header, PathColumn);
        var tagColumns = Enumerable.Range(0, columns.Count).Where(c => c != idColumn && c != pathColumn).ToArray();
        var vocabulary = tagColumns.Select(c => columns[c]).ToList();
        var duplicateTag = vocabulary.GroupBy(t => t).FirstOrDefault(g => g.Count() > 1);
        if (duplicateTag is not null)
            throw new MetadataException(file, header.Line, $"the tag column '{duplicateTag.Key}' appears twice");

        var clips = new List<ClipMetadata>();
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.TryRead(out var row))
        {
            var fields = row.Fields;
            if (fields.Count != columns.Count)
                throw new MetadataException(file, row.Line, $"expected {columns.Count} fields like the header, found {fields.Count}");

            var id = fields[idColumn].Trim();
            if (id.Length == 0)
                throw new MetadataException(file, row.Line, "empty clip_id");
            if (!seen.TryAdd(id, row.Line))
                throw new MetadataException(file, row.Line, $"duplicate clip_id '{id}' (first on line {seen[id]})");

            var path = fields[pathColumn].Trim();
            if (path.Length == 0)
                throw new MetadataException(file, row.Line, $"clip {id} has an empty mp3_path");

            var tags = ImmutableArray.CreateBuilder<string>();
            foreach (var c in tagColumns)
            {
                switch (fields[c].Trim())
                {
                    case "1": tags.Add(columns[c]); break;
                    case "0": break;
                    case var other:
                        throw new MetadataException(file, row.Line, $"tag '{columns[c]}' of clip {id} is '{other}', expected 0 or 1");
                }
            }
            var folder = path.Split('/', 2)[0];
            clips.Add(new ClipMetadata(id, path, tags.ToImmutable(), settings.SplitOfFolder(folder), MtatClipName.StatedSeconds(path)));
        }
        return new DatasetMetadata("mtat", sourceDirectory, clips, vocabulary, MtatClipName.StatedLengthSource);
    }

    private static int RequiredColumn(string file, DelimitedRecord header, string name)
    {
        var index = header.Fields.ToList().IndexOf(name);
        return index >= 0 ? index : throw new MetadataException(file, header.Line, $"the header has no '{name}' column");
    }
}
