using System.Runtime.InteropServices;
using Pipeline.Shared.IO;

namespace Pipeline.Streams.IO;

/// <summary>
/// Writes a float32 .npy matrix [rows, columns] row by row, without holding it: rows go to a temporary file whose
/// header is rewritten with the final row count when it is completed, then renamed into place (see
/// <see cref="AtomicFile"/>), so a reader never sees a half-written matrix and an interrupted run leaves none.
/// </summary>
public sealed class NpyMatrixWriter : IDisposable
{
    // Room for any row count in the header, so that rewriting it never moves the data.
    private const int HeaderLength = 128;

    private readonly string _path;
    private readonly string _temporary;
    private readonly FileStream _stream;
    private bool _completed;

    public NpyMatrixWriter(string path, int columns)
    {
        if (columns < 1)
            throw new ArgumentOutOfRangeException(nameof(columns), columns, "must be at least 1");
        _path = path;
        Columns = columns;
        _temporary = AtomicFile.TemporaryPathFor(path);
        _stream = new FileStream(_temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _stream.Write(Header(0));
    }

    public int Columns { get; }

    public long Rows { get; private set; }

    public void Append(ReadOnlySpan<float> row)
    {
        if (row.Length != Columns)
            throw new ArgumentException($"a row of {row.Length} values in a matrix of {Columns} columns");
        _stream.Write(MemoryMarshal.AsBytes(row));
        Rows++;
    }

    /// <summary>Writes the header with the row count and renames the file into place.</summary>
    public void Complete()
    {
        _stream.Position = 0;
        _stream.Write(Header(Rows));
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        File.Move(_temporary, _path, overwrite: true);
        _completed = true;
    }

    private byte[] Header(long rows)
    {
        var header = new NpyHeader(NpyHeader.Float32, [rows, Columns]).Encode(HeaderLength);
        return header.Length == HeaderLength ? header : throw new InvalidOperationException($"an .npy header of {header.Length} bytes");
    }

    public void Dispose()
    {
        if (_completed)
            return;
        _stream.Dispose();
        try { File.Delete(_temporary); }
        catch (IOException) { }
    }
}
