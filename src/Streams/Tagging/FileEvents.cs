using Pipeline.Streams.Audio;

namespace Pipeline.Streams.Tagging;

/// <summary>An audio file to tag: <see cref="Index"/> is its place in the order the files were found.</summary>
public sealed record AudioFile(int Index, string Path);

/// <summary>
/// What the decoders say about a file, in order: its windows in chunks, then how it ended. Failures travel as values
/// (<see cref="FileFailed"/>), after whatever windows the file gave before it failed.
/// </summary>
public abstract record FileEvent(AudioFile File);

/// <summary>Windows <see cref="FirstWindow"/>, <see cref="FirstWindow"/> + 1, ... of a file, each of the model's input length.</summary>
public sealed record FileWindows(AudioFile File, long FirstWindow, IReadOnlyList<float[]> Windows) : FileEvent(File);

/// <summary>The file was read to its end: how many windows it gave, how long it is, what was odd about it.</summary>
public sealed record FileEnded(AudioFile File, long Windows, double Seconds, IReadOnlyList<string> Warnings) : FileEvent(File);

/// <summary>The file cannot be read (<see cref="Failure"/> is null for a decoder crash or a timeout); its windows so far do not count.</summary>
public sealed record FileFailed(AudioFile File, AudioReadFailure? Failure, string Reason) : FileEvent(File)
{
    public static FileFailed From(AudioFile file, AudioReadException e) => new(file, e.Failure, e.Reason);
}
