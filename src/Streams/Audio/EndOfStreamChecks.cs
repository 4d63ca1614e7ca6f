using Pipeline.Streams.Audio.Pcm;

namespace Pipeline.Streams.Audio;

/// <summary>
/// What can only be judged once a file is decoded to its end (see <see cref="TruncationPolicy"/>): that it gave any
/// samples, that a WAV/FLAC header's declared length is all there, that the dataset's stated length is reached, and
/// that the decoder turned every MPEG frame into samples.
/// </summary>
internal sealed record EndOfStreamChecks(string Path, StatedLength? Stated, TimeSpan Tolerance)
{
    /// <summary>The libsndfile reader of a non-MPEG file, whose header evidence is checked.</summary>
    public LibSndFileReader? LibSndFile { get; init; }

    public void Verify(long frames, int sampleRate, long? expectedFrames, List<string> warnings)
    {
        if (frames == 0)
            throw new AudioReadException(Path, AudioReadFailure.NotAudio, LibSndFile?.DecodeError ?? "the stream decodes to no samples");
        if (LibSndFile?.DataSizeShortfall() is var (declared, present))
            throw new AudioReadException(Path, AudioReadFailure.Truncated,
                $"the header declares {declared} bytes of audio data but only {present} are present");
        // For MPEG, libsndfile's length is an estimate from the file's size, not a declaration.
        if (LibSndFile is { IsMpeg: false } && TruncationPolicy.DeclaredShortfall(frames, LibSndFile.DeclaredFrames) is { } shortfall)
            throw new AudioReadException(Path, AudioReadFailure.Truncated, shortfall);
        if (TruncationPolicy.StatedShortfall(frames, sampleRate, Stated, Tolerance) is { } stated)
            throw new AudioReadException(Path, AudioReadFailure.Truncated, stated);
        if (expectedFrames is { } expected && frames < expected)
            warnings.Add($"the decoder gave {frames} of the {expected} samples the MPEG frames hold (corrupt frames?)");
    }
}
