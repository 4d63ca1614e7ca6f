namespace Pipeline.Shared.IO;

/// <summary>
/// Writes files so that readers (and a later run after a crash) see either the old content or the complete new
/// content, never a half-written file: write to a temporary name in the same folder, flush to disk, rename.
/// </summary>
public static class AtomicFile
{
    /// <summary>The temporary name a file is written under before the rename; never taken for a finished file.</summary>
    public static string TemporaryPathFor(string path) => $"{path}.tmp-{Environment.ProcessId}";

    public static bool IsTemporary(string path) => Path.GetFileName(path).Contains(".tmp-", StringComparison.Ordinal);

    public static void Write(string path, Action<Stream> write)
    {
        var temporary = TemporaryPathFor(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(text);
        });

    /// <summary>Removes temporary files an interrupted run left in <paramref name="directory"/>.</summary>
    public static int DeleteLeftovers(string directory)
    {
        if (!Directory.Exists(directory))
            return 0;
        var leftovers = Directory.EnumerateFiles(directory).Where(IsTemporary).ToList();
        foreach (var file in leftovers)
            TryDelete(file);
        return leftovers.Count;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
