namespace Pipeline.Streams.Audio;

/// <summary>Why an audio file could not be turned into samples.</summary>
public enum AudioReadFailure
{
    /// <summary>No file at the path (or a folder on the way is missing).</summary>
    Missing,
    /// <summary>The file exists and has 0 bytes.</summary>
    Empty,
    /// <summary>The path is a directory or cannot be opened for reading (permissions).</summary>
    Unreadable,
    /// <summary>The bytes are not a format the decoder knows, or they decode to nothing.</summary>
    NotAudio,
    /// <summary>The stream ends before the length its header declares.</summary>
    Truncated,
    /// <summary>The native decoder library is not installed; every file will fail the same way.</summary>
    DecoderUnavailable,
    /// <summary>The file is valid, but the configured decoder cannot decode this one (another decoder can).</summary>
    Unsupported,
}

/// <summary>A typed audio read error that names the file and the reason.</summary>
public sealed class AudioReadException : Exception
{
    public AudioReadException(string path, AudioReadFailure failure, string detail, Exception? inner = null)
        : base($"{path}: {Describe(failure)}: {detail}", inner)
    {
        Path = path;
        Failure = failure;
        Detail = detail;
    }

    public string Path { get; }
    public AudioReadFailure Failure { get; }
    public string Detail { get; }

    /// <summary>A short reason fit for one column of failed.tsv.</summary>
    public string Reason => $"{Describe(Failure)}: {Detail}";

    public static string Describe(AudioReadFailure failure) => failure switch
    {
        AudioReadFailure.Missing => "missing",
        AudioReadFailure.Empty => "empty file (0 bytes)",
        AudioReadFailure.Unreadable => "unreadable",
        AudioReadFailure.NotAudio => "not audio or corrupt",
        AudioReadFailure.Truncated => "truncated",
        AudioReadFailure.DecoderUnavailable => "decoder unavailable",
        AudioReadFailure.Unsupported => "not supported by the configured decoder",
        _ => failure.ToString(),
    };
}
