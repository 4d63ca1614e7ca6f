namespace Pipeline.Streams.Tagging;

/// <summary>The rows of an embedding matrix nearest a query by cosine similarity, best first (ties in row order).</summary>
public static class NearestFiles
{
    /// <param name="vectors">[rows, query.Length], row-major.</param>
    /// <param name="exclude">Rows left out (the query's own row, when it is in the matrix).</param>
    public static IReadOnlyList<(int Row, double Score)> Rank(ReadOnlySpan<float> query, ReadOnlySpan<float> vectors, int top, ISet<int>? exclude = null)
    {
        var size = query.Length;
        var rows = vectors.Length / size;
        var queryNorm = Norm(query);
        var scores = new List<(int Row, double Score)>(rows);
        for (var row = 0; row < rows; row++)
        {
            if (exclude?.Contains(row) == true)
                continue;
            var vector = vectors.Slice(row * size, size);
            var dot = 0.0;
            for (var i = 0; i < size; i++)
                dot += (double)query[i] * vector[i];
            var norms = queryNorm * Norm(vector);
            scores.Add((row, norms > 0 ? dot / norms : 0));
        }
        return scores.OrderByDescending(s => s.Score).ThenBy(s => s.Row).Take(top).ToList();
    }

    private static double Norm(ReadOnlySpan<float> vector)
    {
        var sum = 0.0;
        foreach (var value in vector)
            sum += (double)value * value;
        return Math.Sqrt(sum);
    }
}
