using System.Globalization;
using System.Text.Json;
using Pipeline.Shared.IO;
using Pipeline.Streams.IO;

namespace Pipeline.Streams.Tagging;

/// <summary>What made an embedding folder's vectors, so `similar` can embed a new file the same way.</summary>
public sealed record EmbeddingMeta(
    string Checkpoint,
    string? Layer,
    string Tapped,
    int Dimensions,
    long Files,
    long Windows,
    int SampleRate,
    double WindowSeconds,
    double HopSeconds,
    int Failed);

/// <summary>
/// The folder `embed` writes, all of it readable with numpy: embeddings.npy (float32 [files, D], each file's layer
/// output averaged over its windows), index.tsv (row, file, seconds), embeddings.json (<see cref="EmbeddingMeta"/>);
/// with windows, windows.npy (float32 [windows, D]) and windows.tsv (row, file_row, window, start_seconds, file);
/// failed.tsv (file, reason) when files could not be read. Rows are in the order files complete. Everything is
/// written under temporary names and renamed at the end, so an interrupted run leaves the previous folder as it was.
/// </summary>
public static class EmbeddingFolder
{
    public const string Embeddings = "embeddings.npy";
    public const string Index = "index.tsv";
    public const string Meta = "embeddings.json";
    public const string WindowEmbeddings = "windows.npy";
    public const string WindowIndex = "windows.tsv";
    public const string Failed = "failed.tsv";

    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>The folder's vectors [rows, D], the file of each row, and how they were made.</summary>
    public static (EmbeddingMeta Meta, float[] Vectors, IReadOnlyList<string> Files) Read(string directory)
    {
        var metaPath = Path.Combine(directory, Meta);
        if (!File.Exists(metaPath))
            throw new FileNotFoundException($"{directory} holds no {Meta}: not a folder `embed` wrote", metaPath);
        var meta = JsonSerializer.Deserialize<EmbeddingMeta>(File.ReadAllText(metaPath), Json)
                   ?? throw new InvalidDataException($"{metaPath} is empty");
        var (header, vectors) = NpyFile.ReadFloat32(Path.Combine(directory, Embeddings));
        var files = File.ReadLines(Path.Combine(directory, Index)).Skip(1).Select(line => line.Split('\t')[1]).ToList();
        if (header.Shape.Count != 2 || header.Shape[0] != files.Count || header.Shape[1] != meta.Dimensions)
            throw new InvalidDataException($"{directory}: {Embeddings} is [{string.Join(", ", header.Shape)}] but {Index} has {files.Count} rows of {meta.Dimensions}");
        return (meta, vectors, files);
    }

    internal static string Tsv(params object[] fields) =>
        string.Join('\t', fields.Select(f => f is double d ? d.ToString("0.###", CultureInfo.InvariantCulture) : Convert.ToString(f, CultureInfo.InvariantCulture)));

    internal static void Replace(string temporary, string path) => File.Move(temporary, path, overwrite: true);

    internal static string Temporary(string path) => AtomicFile.TemporaryPathFor(path);
}
