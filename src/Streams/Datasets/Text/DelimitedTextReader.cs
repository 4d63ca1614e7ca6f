using System.Text;

namespace Pipeline.Streams.Datasets.Text;

/// <summary>
/// Reads delimited text records (CSV, TSV) with RFC 4180 quoting: quoted fields may hold the delimiter, doubled
/// quotes and line breaks. Each record carries the line it starts on, for error messages.
/// </summary>
public sealed class DelimitedTextReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly char _delimiter;
    private long _line;

    public DelimitedTextReader(string path, char delimiter)
        : this(new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true), delimiter, path)
    {
    }

    public DelimitedTextReader(TextReader reader, char delimiter, string sourceName)
    {
        _reader = reader;
        _delimiter = delimiter;
        SourceName = sourceName;
    }

    public string SourceName { get; }

    /// <summary>Reads the next record; false at the end of the input. Blank lines are skipped.</summary>
    public bool TryRead(out DelimitedRecord record)
    {
        while (true)
        {
            var raw = _reader.ReadLine();
            if (raw is null)
            {
                record = default;
                return false;
            }
            _line++;
            if (raw.Length == 0)
                continue;
            record = new DelimitedRecord(_line, Parse(raw));
            return true;
        }
    }

    private List<string> Parse(string firstLine)
    {
        var startLine = _line;
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = firstLine;
        var i = 0;
        var quoted = false;
        var fieldStart = true;
        while (true)
        {
            if (i == line.Length)
            {
                if (!quoted)
                    break;
                // A line break inside quotes belongs to the field.
                var next = _reader.ReadLine() ?? throw new MetadataException(SourceName, startLine, "a quoted field is never closed");
                _line++;
                field.Append('\n');
                line = next;
                i = 0;
                continue;
            }
            var c = line[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && fieldStart)
            {
                quoted = true;
            }
            else if (c == _delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldStart = true;
                i++;
                continue;
            }
            else
            {
                field.Append(c);
            }
            fieldStart = false;
            i++;
        }
        fields.Add(field.ToString());
        return fields;
    }

    public void Dispose() => _reader.Dispose();
}

/// <summary>One record's fields and the line of the file it starts on (1-based).</summary>
public readonly record struct DelimitedRecord(long Line, IReadOnlyList<string> Fields);
