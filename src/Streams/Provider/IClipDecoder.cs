namespace Pipeline.Streams.Provider;

/// <summary>
/// Decodes clips for the stream. The production implementation is the supervised decoder pool in
/// src/Actors/Decoding: a file that fails restarts its decoder and comes back as <see cref="ClipFailed"/>.
/// </summary>
public interface IClipDecoder
{
    Task<DecodeOutcome> DecodeAsync(ClipRef clip);
}
