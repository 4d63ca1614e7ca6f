using Pipeline.Streams.Datasets.Text;

namespace Pipeline.Streams.Datasets.Msd;

/// <summary>
/// The tracks that have audio: a tab-separated file of MSD track id and audio path relative to the source folder,
/// one track a line, in the order the clips should keep; the first line may be the header "track_id	path".
/// </summary>
public static class MsdPathMap
{
    public const string IdHeader = "track_id";
    public const string PathHeader = "path";

    /// <summary>One mapped track and the line it is on.</summary>
    public readonly record struct Entry(string TrackId, string AudioPath, long Line);

    public static IReadOnlyList<Entry> Read(string file)
    {
        if (!File.Exists(file))
            throw new MetadataException(file, null, "MSD audio path mapping not found (set pipeline.dataset.msd.path-map or --source)");

        var entries = new List<Entry>();
        var lineOfTrack = new Dictionary<string, long>(StringComparer.Ordinal);
        using var reader = new DelimitedTextReader(file, '\t');
        var headerAllowed = true;
        while (reader.TryRead(out var record))
        {
            var fields = record.Fields;
            var isHeader = headerAllowed && IsHeader(fields);
            headerAllowed = false;
            if (isHeader)
                continue;
            if (fields.Count == 1)
                throw new MetadataException(file, record.Line, "no tab on this line; expected track_id<TAB>audio path");
            if (fields.Count != 2)
                throw new MetadataException(file, record.Line, $"expected 2 tab-separated fields (track_id, audio path), found {fields.Count}");

            var id = fields[0].Trim();
            var path = fields[1].Trim();
            if (id.Length == 0)
                throw new MetadataException(file, record.Line, "empty track_id");
            if (path.Length == 0)
                throw new MetadataException(file, record.Line, $"track {id} has an empty audio path");
            // Clip paths are joined to the audio root later, and a rooted path would silently replace the root.
            if (Path.IsPathRooted(path))
                throw new MetadataException(file, record.Line, $"the audio path '{path}' of track {id} is absolute; paths are relative to the source folder");
            if (!lineOfTrack.TryAdd(id, record.Line))
                throw new MetadataException(file, record.Line, $"duplicate track_id '{id}' (first on line {lineOfTrack[id]})");
            entries.Add(new Entry(id, path, record.Line));
        }
        return entries;
    }

    private static bool IsHeader(IReadOnlyList<string> fields) =>
        fields.Count == 2
        && fields[0].Trim().Equals(IdHeader, StringComparison.OrdinalIgnoreCase)
        && fields[1].Trim().Equals(PathHeader, StringComparison.OrdinalIgnoreCase);
}
