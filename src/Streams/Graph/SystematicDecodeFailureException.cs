namespace Pipeline.Streams.Graph;

/// <summary>
/// Decoding fails for most files, or in a way that will hit every file (the native decoder is missing): the run
/// stops with this error instead of silently producing nothing.
/// </summary>
public sealed class SystematicDecodeFailureException(string message) : Exception(message);
