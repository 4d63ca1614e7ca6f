namespace Pipeline.Streams.Audio;

/// <summary>
/// A clip's length as its dataset states it, independently of the file's bytes: MagnaTagATune's clip names carry
/// their range in the source track ("-59-88.mp3": 29 s), FMA's tracks.csv has each track's duration.
/// <see cref="Source"/> says where the statement comes from, for the error message.
/// </summary>
public sealed record StatedLength(double Seconds, string Source);
