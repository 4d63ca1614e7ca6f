namespace Pipeline.Streams.Cache;

/// <summary>An existing cache was made with other settings than the current run's (exit code 2).</summary>
public sealed class CacheMismatchException(string message) : Exception(message);
