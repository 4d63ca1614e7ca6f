using Pipeline.Streams.Audio;
using Pipeline.Streams.Provider;

namespace Pipeline.Actors.Decoding;

/// <summary>Thrown by a decoder when its clip cannot be read; it fails the decoder, which is then restarted.</summary>
public sealed class ClipDecodeException(ClipRef clip, AudioReadException cause)
    : Exception($"cannot decode clip {clip.Id}: {cause.Message}", cause)
{
    public ClipRef Clip { get; } = clip;
    public AudioReadException Cause { get; } = cause;
}
