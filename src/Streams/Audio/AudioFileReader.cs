using Pipeline.Streams.Audio.Pcm;
using Pipeline.Streams.Audio.Input;
using Pipeline.Streams.Audio.Mpeg;
using Pipeline.Streams.Audio.Native;
using Serilog;

namespace Pipeline.Streams.Audio;

/// <summary>
/// Opens audio files for decoding: MPEG streams (found by their frames, whatever the extension) with the configured
/// MP3 decoder, everything else (WAV, FLAC, OGG, AIFF, ...) with libsndfile. Both MP3 decoders follow mpg123's
/// conventions (gapless trimming per LAME's tag, silence for leading frames without their data), so they give the
/// same samples. Every failure is an <see cref="AudioReadException"/> naming the file and the reason. Thread-safe:
/// each call opens its own decoder.
/// </summary>
public sealed class AudioFileReader(AudioSettings settings)
{
    private static int _fallbackLogged;

    /// <summary>Decodes the whole file to mono; <paramref name="stated"/> is the dataset's statement of its length, if any.</summary>
    public DecodedAudio Read(string path, StatedLength? stated = null)
    {
        using var stream = Open(path, stated);
        return stream.ReadToEnd();
    }

    /// <summary>Opens the file for decoding in chunks, so that memory does not depend on its length.</summary>
    public AudioStream Open(string path, StatedLength? stated = null)
    {
        var bytes = FileBytes.Open(path);
        try
        {
            var checks = new EndOfStreamChecks(path, stated, settings.StatedLengthTolerance);
            if (MpegScanner.Scan(bytes) is { } layout)
                return OpenMpeg(bytes, layout, checks);
            var library = LibSndFile.Load(settings.LibSndFile, out var error)
                ?? throw new AudioReadException(path, AudioReadFailure.DecoderUnavailable, $"{error}; without it only MP3 files can be read");
            var reader = LibSndFileReader.Open(library, new SplicedBytes(bytes, [new ByteRange(0, bytes.Length)]));
            return new AudioStream(bytes, reader, "libsndfile", expectedFrames: null, [], checks with { LibSndFile = reader });
        }
        catch
        {
            bytes.Dispose();
            throw;
        }
    }

    private AudioStream OpenMpeg(FileBytes bytes, MpegLayout layout, EndOfStreamChecks checks)
    {
        if (TruncationPolicy.MpegShortfall(layout) is { } shortfall)
            throw new AudioReadException(bytes.Path, AudioReadFailure.Truncated, shortfall);
        var library = LibSndFile.Load(settings.LibSndFile, out var loadError);
        var choice = MpegDecoderChoice.Choose(settings.Mp3Decoder, layout, library, loadError, bytes.Path);
        var (skip, count) = layout.GaplessRange;
        if (choice.Decoder == Mp3Decoder.LibSndFile)
        {
            // libsndfile reads the Info frame itself: its frame count gives the length (a VBR stream's cannot be
            // estimated), and libmpg123 trims gapless by its LAME tag, exactly as GaplessRange says.
            var reader = LibSndFileReader.Open(library!, new SplicedBytes(bytes, layout.RunsWithInfoFrame));
            if (reader.DeclaredFrames >= count)
                return new AudioStream(bytes, new AlignedPcmReader(reader, 0, 0, count), "libsndfile", count, [.. TruncationPolicy.MpegWarnings(layout)], checks);
            reader.Dispose();
            choice = MpegDecoderChoice.WhenLibSndFileUnderestimates(settings.Mp3Decoder, layout, reader.DeclaredFrames, count, bytes.Path);
        }
        if (choice.WhyNotLibSndFile is { } why && (library is null || !library.ReadsMpeg) && Interlocked.Exchange(ref _fallbackLogged, 1) == 0)
            Log.Warning("{Problem}: MP3 files are decoded with NLayer (managed, slower)", why);
        var nlayer = NLayerReader.Open(new SplicedBytes(bytes, layout.AudioRuns), downmix: layout.Irregular.ChannelsChangeAt is not null);
        var aligned = new AlignedPcmReader(nlayer, (long)layout.Irregular.FramesWithoutMainData * layout.SamplesPerFrame, skip, count);
        return new AudioStream(bytes, aligned, "nlayer", count, [.. TruncationPolicy.MpegWarnings(layout)], checks);
    }
}
