using NLayer;
using Pipeline.Streams.Audio.Input;

namespace Pipeline.Streams.Audio.Pcm;

/// <summary>
/// Decodes an MPEG stream with NLayer, a fully managed decoder: no native library to install. It is handed only the
/// audio frames (no tags, no Info frame, no junk), so it trims nothing itself; the caller aligns its output with
/// mpg123's (gapless trimming, silence for leading frames it drops).
/// </summary>
internal sealed class NLayerReader : IPcmReader
{
    private readonly MpegFile _file;
    private readonly string _path;

    private NLayerReader(MpegFile file, string path)
    {
        _file = file;
        _path = path;
    }

    public int SampleRate => _file.SampleRate;

    public int Channels => _file.Channels;

    /// <param name="downmix">Decode every frame to mono: for streams that switch between mono and stereo frames,
    /// whose interleaved output would otherwise change its channel count in the middle.</param>
    public static NLayerReader Open(SplicedBytes bytes, bool downmix)
    {
        NLayerBandTableFix.EnsureApplied();
        try
        {
            var mode = downmix ? StereoMode.DownmixToMono : StereoMode.Both;
            return new NLayerReader(new MpegFile(new RegionStream(bytes)) { StereoMode = mode }, bytes.Path);
        }
        catch (Exception e) when (e is not AudioReadException and not OutOfMemoryException)
        {
            throw new AudioReadException(bytes.Path, AudioReadFailure.NotAudio, $"NLayer cannot read the stream ({e.Message})", e);
        }
    }

    public int ReadFrames(Span<float> interleaved)
    {
        var channels = Channels;
        var wanted = interleaved.Length / channels * channels;
        var filled = 0;
        try
        {
            // NLayer returns samples, not frames: keep reading until the last frame is whole or the stream ends.
            while (filled < wanted)
            {
                var read = _file.ReadSamples(interleaved[filled..wanted]);
                if (read <= 0)
                    break;
                filled += read;
                if (filled % channels == 0)
                    break;
            }
        }
        catch (Exception e) when (e is not AudioReadException and not OutOfMemoryException)
        {
            throw new AudioReadException(_path, AudioReadFailure.NotAudio, $"NLayer failed inside the stream ({e.GetType().Name}: {e.Message})", e);
        }
        return filled / channels;
    }

    public void Dispose() => _file.Dispose();
}
