using Pipeline.Streams.Datasets.Text;

namespace Pipeline.Streams.Datasets.Fma;

/// <summary>
/// The three-row header of FMA's tracks.csv as pandas writes a two-level column index: row 1 names each column's
/// group (album, artist, set, track), row 2 its field, row 3 is 'track_id' over the index column and empty
/// elsewhere. Columns are addressed by the pair (group, field), never by position.
/// </summary>
public sealed class FmaTracksHeader
{
    public const string IndexName = "track_id";

    private const string Expected =
        "FMA's tracks.csv starts with three header rows: column groups (album, artist, set, track), " +
        "field names (split, subset, genres_all, ...), then 'track_id' followed by empty fields";

    private readonly string _file;
    private readonly Dictionary<(string Group, string Field), int> _columns;

    private FmaTracksHeader(string file, int width, int idColumn, long fieldsLine, Dictionary<(string, string), int> columns)
    {
        _file = file;
        Width = width;
        IdColumn = idColumn;
        FieldsLine = fieldsLine;
        _columns = columns;
    }

    /// <summary>The number of fields every data row has.</summary>
    public int Width { get; }

    /// <summary>The column holding the track id, the one the third header row names 'track_id'.</summary>
    public int IdColumn { get; }

    /// <summary>The line of the field-name row, blamed when a column is missing.</summary>
    public long FieldsLine { get; }

    /// <summary>Reads the three header rows, leaving <paramref name="reader"/> at the first track.</summary>
    public static FmaTracksHeader Read(DelimitedTextReader reader, string file)
    {
        var groups = NextHeaderRow(reader, file, "first", null);
        RejectEarlyIndexRow(file, groups, "first");
        var fields = NextHeaderRow(reader, file, "second", groups.Line);
        RejectEarlyIndexRow(file, fields, "second");
        var index = NextHeaderRow(reader, file, "third", fields.Line);
        var idColumn = IndexColumn(index);
        if (idColumn < 0)
        {
            var start = index.Fields.Count > 0 ? index.Fields[0] : "";
            throw new MetadataException(file, index.Line,
                $"expected the third header row to be 'track_id' followed by empty fields, found a row starting '{start}'; {Expected}");
        }

        var width = groups.Fields.Count;
        foreach (var row in new[] { fields, index })
            if (row.Fields.Count != width)
                throw new MetadataException(file, row.Line, $"this header row has {row.Fields.Count} fields but the first has {width}; {Expected}");

        var columns = new Dictionary<(string, string), int>();
        for (var c = 0; c < width; c++)
        {
            if (c == idColumn)
                continue;
            var key = (groups.Fields[c].Trim(), fields.Fields[c].Trim());
            if (!columns.TryAdd(key, c))
                throw new MetadataException(file, fields.Line, $"the column ({key.Item1}, {key.Item2}) appears twice");
        }
        return new FmaTracksHeader(file, width, idColumn, fields.Line, columns);
    }

    /// <summary>The column of (<paramref name="group"/>, <paramref name="field"/>), or null when the header has none.</summary>
    public int? OptionalColumn(string group, string field) => _columns.TryGetValue((group, field), out var column) ? column : null;

    /// <summary>The column of (<paramref name="group"/>, <paramref name="field"/>); a header without it is unusable.</summary>
    public int Column(string group, string field) =>
        _columns.TryGetValue((group, field), out var column)
            ? column
            : throw new MetadataException(_file, FieldsLine,
                $"the header has no ({group}, {field}) column: expected '{group}' in the first header row above '{field}' in the second; {Expected}");

    private static DelimitedRecord NextHeaderRow(DelimitedTextReader reader, string file, string which, long? previousLine)
    {
        if (reader.TryRead(out var row))
            return row;
        throw previousLine is null
            ? new MetadataException(file, null, "the file is empty")
            : new MetadataException(file, previousLine, $"the file ends before the {which} header row; {Expected}");
    }

    private static void RejectEarlyIndexRow(string file, DelimitedRecord row, string which)
    {
        if (IndexColumn(row) >= 0)
            throw new MetadataException(file, row.Line,
                $"the 'track_id' row is the {which} header row, so a header row is missing; {Expected}");
    }

    /// <summary>Where the index row names 'track_id', or -1 when the row is not the index row (every other field is empty there).</summary>
    private static int IndexColumn(DelimitedRecord row)
    {
        var column = -1;
        for (var c = 0; c < row.Fields.Count; c++)
        {
            var value = row.Fields[c].Trim();
            if (value.Length == 0)
                continue;
            if (value != IndexName || column >= 0)
                return -1;
            column = c;
        }
        return column;
    }
}
