namespace Pipeline.Tests.Support.RealShaped;

/// <summary>
/// A fixture file and what an independent decoder reports for it: sample rate, channels and samples per channel
/// (mpg123 1.31, gapless by default, for MP3; soxi for WAV, FLAC and Ogg Vorbis). For MP3,
/// <see cref="NoGaplessSamplesPerChannel"/> is what `mpg123 --no-gapless` gives: every decoded frame, encoder delay
/// and padding included.
/// </summary>
public sealed record RealShapedFile(string Path, int SampleRate, int Channels, long SamplesPerChannel, long? NoGaplessSamplesPerChannel,
    string CountedBy);
