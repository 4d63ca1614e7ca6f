using Pipeline.Streams.Audio.Pcm;

namespace Pipeline.Streams.Audio;

/// <summary>
/// How audio is turned into model input: the common sample rate, the resampler's quality, which decoder reads MP3s
/// (and where libsndfile is), and how far a clip may fall short of the length its dataset states before it counts
/// as truncated.
/// </summary>
public sealed record AudioSettings(
    int SampleRate,
    ResampleQuality ResampleQuality,
    Mp3Decoder Mp3Decoder,
    string LibSndFile,
    TimeSpan StatedLengthTolerance)
{

    public Resampler CreateResampler() => new(SampleRate, ResampleQuality);

    public AudioFileReader CreateReader() => new(this);
}
