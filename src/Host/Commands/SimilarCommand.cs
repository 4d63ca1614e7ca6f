using System.CommandLine;
using System.Text.Json;
using Pipeline.Host.Cli;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Scoring;
using Pipeline.Streams.Tagging;

namespace Pipeline.Host.Commands;

/// <summary>
/// `similar`: the files of an embedding folder nearest a query file by cosine similarity. A query that is in the
/// folder uses its row (and is left out of the answer); any other file is embedded first, with the checkpoint, layer
/// and windows the folder was made with.
/// </summary>
public static class SimilarCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var query = new Argument<FileInfo>("query") { Description = "An audio file" };
        var embeddings = new Option<DirectoryInfo>("--embeddings") { Description = "A folder `embed` wrote", Required = true };
        var top = new Option<int>("--top") { Description = "How many files to list", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print JSON: {\"query\": ..., \"neighbours\": [{\"file\", \"score\"}]}" };
        var command = new Command("similar", "List the files nearest an audio file by the cosine similarity of their embeddings")
        {
            query, embeddings, top, json,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var context = CommandContext.Create("similar", parse, output);
            var topCount = parse.GetValue(top);
            if (topCount < 1)
                throw new UsageException($"usage error: --top must be at least 1, got {topCount}");
            var directory = parse.GetValue(embeddings)!.FullName;
            var (meta, vectors, files) = Read(directory);
            var queryPath = parse.GetValue(query)!.FullName;
            context.StartLog();
            var own = files.Select((file, row) => (file, row)).Where(f => f.file == queryPath).Select(f => f.row).ToHashSet();
            float[] queryVector;
            if (own.Count > 0)
            {
                queryVector = vectors.AsSpan(own.First() * meta.Dimensions, meta.Dimensions).ToArray();
            }
            else if (await EmbedAsync(context, meta, queryPath, error, cancellation) is { } embedded)
            {
                queryVector = embedded;
            }
            else
            {
                return ExitCodes.RuntimeFailure;
            }
            var nearest = NearestFiles.Rank(queryVector, vectors, topCount, own);
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(new
                {
                    query = queryPath,
                    embeddings = directory,
                    neighbours = nearest.Select(n => new { file = files[n.Row], score = Math.Round(n.Score, 6) }),
                }));
            }
            else
            {
                context.Output.WriteLine($"{queryPath}: nearest of the {files.Count - own.Count} files in {directory} ({meta.Tapped})");
                foreach (var (n, rank) in nearest.Select((n, i) => (n, i + 1)))
                    context.Output.WriteLine($"{rank,4}  {n.Score,8:F4}  {files[n.Row]}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static (EmbeddingMeta, float[], IReadOnlyList<string>) Read(string directory)
    {
        try
        {
            return EmbeddingFolder.Read(directory);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or JsonException)
        {
            throw new UsageException($"usage error: {e.Message}");
        }
    }

    /// <summary>The query's embedding as `embed` made the folder's; null (the error printed) when the file cannot be read.</summary>
    private static async Task<float[]?> EmbedAsync(CommandContext context, EmbeddingMeta meta, string path, TextWriter error, CancellationToken cancellation)
    {
        if (!File.Exists(meta.Checkpoint))
            throw new UsageException($"usage error: {meta.Checkpoint}, the checkpoint the embeddings were made with, is gone; embed the query with it first");
        using var inference = InferenceRun.Load(context, meta.Checkpoint, meta.HopSeconds, tap: true, meta.Layer);
        ClipOutcome? outcome = null;
        await inference.RunAsync([ClipRef.File(0, path)], RegroupOptions.Mean, drawBar: false,
            o => outcome = o, cancellation);
        switch (outcome)
        {
            case ClipScored { Embedding: { } embedding } when embedding.Length == meta.Dimensions:
                return embedding;
            case ClipScored tagged:
                throw new InvalidOperationException($"{path} embeds to {tagged.Embedding?.Length} values, the folder's rows to {meta.Dimensions}");
            case ClipNotScored failed:
                error.WriteLine($"error: {path}: {failed.Reason}");
                return null;
            default:
                throw new InvalidOperationException($"no outcome for {path}");
        }
    }
}
