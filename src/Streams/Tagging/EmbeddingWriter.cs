using Pipeline.Streams.Scoring;
using Pipeline.Streams.Windows;
using Pipeline.Shared.IO;
using Pipeline.Streams.IO;

namespace Pipeline.Streams.Tagging;

/// <summary>
/// Writes an <see cref="EmbeddingFolder"/> as files complete, without holding the vectors: rows are appended to
/// temporary files, which <see cref="Complete"/> renames into place.
/// </summary>
public sealed class EmbeddingWriter(string directory, WindowShape shape, bool windows) : IDisposable
{
    private readonly List<(string File, string Reason)> _failed = [];
    private NpyMatrixWriter? _vectors;
    private NpyMatrixWriter? _windowVectors;
    private StreamWriter? _index;
    private StreamWriter? _windowIndex;

    public long Files => _vectors?.Rows ?? 0;

    public long Windows => _windowVectors?.Rows ?? 0;

    public int Dimensions => _vectors?.Columns ?? 0;

    public void Add(ClipScored file)
    {
        var embedding = file.Embedding ?? throw new ArgumentException($"{file.Clip.AudioPath} was tagged without an embedding");
        if (_vectors is null)
            Open(embedding.Length);
        var row = _vectors!.Rows;
        _vectors.Append(embedding);
        _index!.WriteLine(EmbeddingFolder.Tsv(row, file.Clip.AudioPath, file.Seconds));
        if (!windows)
            return;
        var perWindow = file.WindowEmbeddings ?? throw new ArgumentException($"{file.Clip.AudioPath} was tagged without its windows' embeddings");
        for (var w = 0; w < file.Windows; w++)
        {
            _windowIndex!.WriteLine(EmbeddingFolder.Tsv(_windowVectors!.Rows, row, w, shape.StartSeconds(w), file.Clip.AudioPath));
            _windowVectors.Append(perWindow.AsSpan(w * embedding.Length, embedding.Length));
        }
    }

    public void Fail(ClipNotScored file) => _failed.Add((file.Clip.AudioPath, file.Reason));

    /// <summary>Renames everything into place, with <paramref name="meta"/>; a previous run's files that this one does not make are removed.</summary>
    public void Complete(EmbeddingMeta meta)
    {
        if (_vectors is null)
            throw new InvalidOperationException("no file was embedded");
        _vectors.Complete();
        Close(_index!, EmbeddingFolder.Index);
        if (windows)
        {
            _windowVectors!.Complete();
            Close(_windowIndex!, EmbeddingFolder.WindowIndex);
        }
        else
        {
            File.Delete(Path.Combine(directory, EmbeddingFolder.WindowEmbeddings));
            File.Delete(Path.Combine(directory, EmbeddingFolder.WindowIndex));
        }
        var failedPath = Path.Combine(directory, EmbeddingFolder.Failed);
        if (_failed.Count > 0)
            AtomicFile.WriteAllText(failedPath, "file\treason\n" + string.Concat(_failed.Select(f => EmbeddingFolder.Tsv(f.File, f.Reason) + "\n")));
        else
            File.Delete(failedPath);
        AtomicFile.WriteAllText(Path.Combine(directory, EmbeddingFolder.Meta), System.Text.Json.JsonSerializer.Serialize(meta, EmbeddingFolder.Json));
    }

    private void Open(int dimensions)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.DeleteLeftovers(directory);
        _vectors = new NpyMatrixWriter(Path.Combine(directory, EmbeddingFolder.Embeddings), dimensions);
        _index = Text(EmbeddingFolder.Index, "row\tfile\tseconds");
        if (windows)
        {
            _windowVectors = new NpyMatrixWriter(Path.Combine(directory, EmbeddingFolder.WindowEmbeddings), dimensions);
            _windowIndex = Text(EmbeddingFolder.WindowIndex, "row\tfile_row\twindow\tstart_seconds\tfile");
        }
    }

    private StreamWriter Text(string name, string header)
    {
        var writer = new StreamWriter(EmbeddingFolder.Temporary(Path.Combine(directory, name)));
        writer.WriteLine(header);
        return writer;
    }

    private void Close(StreamWriter writer, string name)
    {
        writer.Flush();
        ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
        writer.Dispose();
        var path = Path.Combine(directory, name);
        EmbeddingFolder.Replace(EmbeddingFolder.Temporary(path), path);
    }

    public void Dispose()
    {
        _vectors?.Dispose();
        _windowVectors?.Dispose();
        _index?.Dispose();
        _windowIndex?.Dispose();
        // Whatever was not renamed into place is a leftover of an interrupted run.
        AtomicFile.DeleteLeftovers(directory);
    }
}
