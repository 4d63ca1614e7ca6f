namespace Pipeline.Streams.Datasets;

/// <summary>
/// Metadata that cannot be used as it is: names the file, and the line when one is to blame. The program stops
/// with exit code 2 before anything is written.
/// </summary>
public sealed class MetadataException : Exception
{
    public MetadataException(string file, long? line, string problem, Exception? inner = null)
        : base(line is null ? $"{file}: {problem}" : $"{file}:{line}: {problem}", inner)
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    public string File { get; }
    public long? Line { get; }
    public string Problem { get; }
}
