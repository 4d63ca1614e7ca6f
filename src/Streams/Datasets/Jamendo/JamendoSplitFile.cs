using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.Streams.Datasets.Text;

namespace Pipeline.Streams.Datasets.Jamendo;

/// <summary>
/// One of MTG-Jamendo's metadata TSVs (the split files and the files they were cut from), as the dataset's
/// scripts/commons.py writes them: tab separated, CRLF line ends, the header TRACK_ID ARTIST_ID ALBUM_ID PATH DURATION
/// TAGS, then one track a line whose tags fill as many columns as it has ("genre---rock", "mood/theme---happy").
/// </summary>
public static partial class JamendoSplitFile
{
    public static readonly IReadOnlyList<string> Header = ["TRACK_ID", "ARTIST_ID", "ALBUM_ID", "PATH", "DURATION", "TAGS"];

    /// <summary>The tag categories of the dataset; a tag is the category, "---" and the tag's own name.</summary>
    public static readonly IReadOnlyList<string> Categories = ["genre", "instrument", "mood/theme"];

    public const string TagSeparator = "---";
    private const int TagsColumn = 5;

    /// <summary>One track and the line it is on.</summary>
    public readonly record struct Row(string TrackId, string AudioPath, double Seconds, ImmutableArray<string> Tags, long Line);

    /// <summary>Every track of <paramref name="file"/> in the file's order; a malformed line names the file and the line.</summary>
    public static IReadOnlyList<Row> Read(string file)
    {
        using var reader = new DelimitedTextReader(file, '\t');
        if (!reader.TryRead(out var header))
            throw new MetadataException(file, null, "the file is empty");
        if (!header.Fields.Select(f => f.Trim()).SequenceEqual(Header))
            throw new MetadataException(file, header.Line,
                $"expected the header {string.Join("<TAB>", Header)}, found '{string.Join("<TAB>", header.Fields)}'");

        var rows = new List<Row>();
        var lineOfTrack = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.TryRead(out var record))
        {
            var row = Parse(file, record);
            if (!lineOfTrack.TryAdd(row.TrackId, record.Line))
                throw new MetadataException(file, record.Line, $"duplicate TRACK_ID {row.TrackId} (first on line {lineOfTrack[row.TrackId]})");
            rows.Add(row);
        }
        return rows;
    }

    private static Row Parse(string file, DelimitedRecord record)
    {
        var fields = record.Fields;
        if (fields.Count < TagsColumn)
            throw new MetadataException(file, record.Line,
                $"expected at least {TagsColumn} tab-separated fields (TRACK_ID, ARTIST_ID, ALBUM_ID, PATH, DURATION, then the tags), found {fields.Count}");

        var id = fields[0].Trim();
        if (!TrackId().IsMatch(id))
            throw new MetadataException(file, record.Line, $"TRACK_ID '{id}' is not of the form track_0000123");
        var path = fields[3].Trim();
        if (path.Length == 0)
            throw new MetadataException(file, record.Line, $"track {id} has an empty PATH");
        // Clip paths are joined to the source folder later; a rooted path or a way out of it would leave the dataset.
        if (Path.IsPathRooted(path) || path.Split('/', '\\').Contains(".."))
            throw new MetadataException(file, record.Line, $"the PATH '{path}' of track {id} is not a path inside the dataset folder (like 82/382.mp3)");
        var rawDuration = fields[4].Trim();
        if (!double.TryParse(rawDuration, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds) || seconds <= 0)
            throw new MetadataException(file, record.Line, $"track {id} has DURATION '{rawDuration}', expected a positive number of seconds");

        var tags = ImmutableArray.CreateBuilder<string>(fields.Count - TagsColumn);
        for (var column = TagsColumn; column < fields.Count; column++)
        {
            var tag = fields[column].Trim();
            if (!IsTag(tag))
                throw new MetadataException(file, record.Line,
                    $"track {id} has '{tag}' in tag column {column - TagsColumn + 1}, expected a category ({string.Join(", ", Categories)}), '{TagSeparator}' and a name, like genre---rock");
            if (!tags.Contains(tag))
                tags.Add(tag);
        }
        return new Row(id, path, seconds, tags.ToImmutable(), record.Line);
    }

    private static bool IsTag(string tag)
    {
        var separator = tag.IndexOf(TagSeparator, StringComparison.Ordinal);
        return separator > 0
               && separator + TagSeparator.Length < tag.Length
               && Categories.Contains(tag[..separator], StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^track_\d+$")]
    private static partial Regex TrackId();
}
