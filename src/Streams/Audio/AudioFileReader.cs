using Pipeline.Streams.Audio.Decoders;
using Pipeline.Streams.Audio.Input;
using Pipeline.Streams.Audio.Mpeg;
using Pipeline.Streams.Audio.Native;
using Serilog;

namespace Pipeline.Streams.Audio;

/// <summary>
/// Opens audio files for decoding to mono float32: MPEG streams (found by their frames, whatever the extension) with
/// the configured MP3 decoder, everything else (WAV, FLAC, OGG, AIFF, ...) with libsndfile. Every failure is an
/// <see cref="AudioReadException"/> naming the file and the reason. Thread-safe: each call opens its own decoder.
/// </summary>
public sealed class AudioFileReader(AudioSettings settings)
{
    private static int _fallbackLogged;

    /// <summary>Decodes the whole file; <paramref name="stated"/> is the dataset's statement of its length, if any.</summary>
    public DecodedAudio Read(string path, StatedLength? stated = null)
    {
        using var stream = Open(path, stated);
        return stream.ReadToEnd();
    }

    /// <summary>Opens the file for decoding in chunks, so that memory does not depend on its length.</summary>
    public MonoAudioStream Open(string path, StatedLength? stated = null)
    {
        var bytes = FileBytes.Open(path);
        try
        {
            var checks = new EndOfStreamChecks(path, stated, settings.StatedLengthTolerance);
            if (MpegScanner.Scan(bytes) is { } layout)
                return OpenMpeg(bytes, layout, checks);
            var library = LibSndFile.Load(settings.LibSndFile, out var error)
                ?? throw new AudioReadException(path, AudioReadFailure.DecoderUnavailable, $"{error}; without it only MP3 files can be read");
            var reader = LibSndFileReader.Open(library, bytes, 0, bytes.Length);
            return new MonoAudioStream(bytes, reader, "libsndfile", expectedFrames: null, [], checks with { LibSndFile = reader });
        }
        catch
        {
            bytes.Dispose();
            throw;
        }
    }

    private MonoAudioStream OpenMpeg(FileBytes bytes, MpegLayout layout, EndOfStreamChecks checks)
    {
        if (TruncationPolicy.MpegShortfall(layout) is { } shortfall)
            throw new AudioReadException(bytes.Path, AudioReadFailure.Truncated, shortfall);
        var (skip, count) = layout.GaplessRange;
        var (decoder, name) = OpenMpegDecoder(bytes, layout);
        var trimmed = new TrimmedPcmReader(decoder, skip, count);
        return new MonoAudioStream(bytes, trimmed, name, count, [.. TruncationPolicy.MpegWarnings(layout)], checks);
    }

    private (IPcmReader Reader, string Name) OpenMpegDecoder(FileBytes bytes, MpegLayout layout)
    {
        // libmpg123 inside libsndfile stops at the first frame whose channel count differs; NLayer decodes on.
        var switchesChannels = layout.ChannelsChangeAt is not null;
        if (settings.Mp3Decoder == Mp3Decoder.NLayer)
            return (NLayerReader.Open(bytes, layout.AudioStart, layout.AudioEnd, downmix: switchesChannels), "nlayer");

        var library = LibSndFile.Load(settings.LibSndFile, out var error);
        var problem = library is null ? error
            : !library.ReadsMpeg ? $"{library.Source} cannot read MPEG audio (libsndfile 1.1.0 or later with mpg123 is needed)"
            : switchesChannels ? $"the stream switches between mono and stereo at frame {layout.ChannelsChangeAt}, where libsndfile stops"
            : null;
        if (problem is null)
            return (LibSndFileReader.Open(library!, bytes, layout.AudioStart, layout.AudioEnd), "libsndfile");
        if (settings.Mp3Decoder == Mp3Decoder.LibSndFile)
            throw new AudioReadException(bytes.Path, switchesChannels ? AudioReadFailure.Unsupported : AudioReadFailure.DecoderUnavailable,
                $"{problem} (pipeline.audio.mp3-decoder = libsndfile; auto or nlayer would use NLayer)");
        if (!switchesChannels && Interlocked.Exchange(ref _fallbackLogged, 1) == 0)
            Log.Warning("{Problem}: MP3 files are decoded with NLayer (managed, slower)", problem);
        return (NLayerReader.Open(bytes, layout.AudioStart, layout.AudioEnd, downmix: switchesChannels), "nlayer");
    }
}
