namespace Pipeline.Streams.Audio.Pcm;

/// <summary>Interleaved float PCM from one decoder, read in chunks so that memory does not grow with a file's length.</summary>
public interface IPcmReader : IDisposable
{
    int SampleRate { get; }

    int Channels { get; }

    /// <summary>Fills <paramref name="interleaved"/> with whole frames; returns how many frames, 0 at the end.</summary>
    int ReadFrames(Span<float> interleaved);
}
