using System.Text;
using System.Text.Json;
using Serilog;

namespace Pipeline.Streams.Tagging;

/// <summary>
/// The JSON Lines file `tag --output` writes: one object per file, appended and flushed as each file completes, so a
/// run that is stopped (Ctrl+C, kill -9, a full disk) leaves every finished file's line; the next run skips the files
/// it already holds (tagged or failed) and appends the rest. A line cut off by a crash is dropped when the file is
/// opened again, and its file tagged again.
/// </summary>
public sealed class TagJournal : IDisposable
{
    private readonly FileStream _stream;

    private TagJournal(FileStream stream, IReadOnlySet<string> done)
    {
        _stream = stream;
        Done = done;
    }

    /// <summary>The files (full paths) the journal already has a line for.</summary>
    public IReadOnlySet<string> Done { get; }

    public static TagJournal Open(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        try
        {
            DropTornLine(stream, path);
            var done = ReadDone(stream, path);
            stream.Seek(0, SeekOrigin.End);
            return new TagJournal(stream, done);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Appends one line (a JSON object without line breaks) and flushes it to the operating system.</summary>
    public void Append(string jsonLine)
    {
        var bytes = Encoding.UTF8.GetBytes(jsonLine + "\n");
        _stream.Write(bytes);
        _stream.Flush();
    }

    private static void DropTornLine(FileStream stream, string path)
    {
        if (stream.Length == 0)
            return;
        var end = stream.Length;
        var block = new byte[4096];
        var position = end;
        while (position > 0)
        {
            var size = (int)Math.Min(block.Length, position);
            position -= size;
            stream.Position = position;
            stream.ReadExactly(block, 0, size);
            var newline = Array.LastIndexOf(block, (byte)'\n', size - 1);
            if (newline >= 0)
            {
                Truncate(stream, path, position + newline + 1, end);
                return;
            }
        }
        Truncate(stream, path, 0, end);
    }

    private static void Truncate(FileStream stream, string path, long length, long end)
    {
        if (length == end)
            return;
        Log.Warning("{Path}: its last line was cut off ({Bytes} bytes, an interrupted run); dropping it, its file will be tagged again", path, end - length);
        stream.SetLength(length);
    }

    private static HashSet<string> ReadDone(FileStream stream, string path)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        stream.Position = 0;
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, 1 << 16, leaveOpen: true);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
                continue;
            try
            {
                using var json = JsonDocument.Parse(line);
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("file", out var file) && file.GetString() is { } name)
                    done.Add(name);
                else
                    Log.Warning("{Path}:{Line}: a line without \"file\"; ignored", path, number);
            }
            catch (JsonException e)
            {
                Log.Warning("{Path}:{Line}: not JSON ({Problem}); ignored", path, number, e.Message);
            }
        }
        return done;
    }

    public void Dispose() => _stream.Dispose();
}
