using Pipeline.Streams.Audio.Mpeg;

namespace Pipeline.Streams.Audio;

/// <summary>
/// When a file counts as truncated (an error: the clip is not used) and when it is decoded with a warning. Truncation
/// is judged only from exact evidence, never from a length estimated from the file's size (which counts tag bytes
/// as audio and is wrong for every variable-bitrate or tagged file):
/// <list type="bullet">
/// <item>an MPEG Xing/Info/VBRI header's frame count that the file's whole frames fall short of;</item>
/// <item>a WAV/AIFF header whose data size exceeds the bytes present, or a FLAC stream shorter than its STREAMINFO;</item>
/// <item>the dataset's own statement of the clip's length (<see cref="StatedLength"/>), short by more than the tolerance.</item>
/// </list>
/// A last MPEG frame the file ends inside of is, without such evidence, only a warning: ISO's own conformance stream
/// l3-compl ends that way and its reference output is the complete frames before it, which is what is decoded.
/// </summary>
public static class TruncationPolicy
{
    /// <summary>The structural reason an MPEG file is truncated, known before decoding; null when it is not.</summary>
    public static string? MpegShortfall(MpegLayout layout)
    {
        // One frame short is a last frame the file ends inside of (or just before): decoded, with a warning.
        if (layout.Info is not { Frames: { } declared } info || layout.Frames >= declared - 1)
            return null;
        var partial = layout.EndsInsideAFrame ? $" and {layout.Irregular.PartialFrameBytes} bytes of the next" : "";
        return $"its {info.Kind} header declares {declared} frames, but the file holds {layout.Frames} whole frames{partial}";
    }

    /// <summary>What is odd about an MPEG file that is still decoded: each is logged and reported with the clip.</summary>
    public static IEnumerable<string> MpegWarnings(MpegLayout layout)
    {
        var irregular = layout.Irregular;
        if (layout.EndsInsideAFrame)
        {
            var of = irregular.PartialFrameLength > 0 ? $" of {irregular.PartialFrameLength}" : "";
            yield return $"the file ends inside an MPEG frame ({irregular.PartialFrameBytes}{of} bytes); decoded the {layout.Frames} whole frames before it";
        }
        else if (layout.Info is { Frames: { } short1 } shortInfo && layout.Frames == short1 - 1)
        {
            yield return $"its {shortInfo.Kind} header declares {short1} frames, but the file holds {layout.Frames}: its last frame is missing";
        }
        if (irregular.SkippedBytes > 0)
            yield return $"skipped {irregular.SkippedBytes} bytes between MPEG frames that are not frames";
        if (irregular.FramesWithoutMainData > 0)
            yield return $"the first {irregular.FramesWithoutMainData} frames refer to data before the stream (an excerpt cut out of a longer stream): decoded as silence";
        if (layout.Info is { Frames: { } declared } info && layout.Frames > declared)
            yield return $"its {info.Kind} header declares {declared} frames, but the file holds {layout.Frames}: gapless decoding keeps the declared length";
    }

    /// <summary>Truncated by the dataset's statement: decoded more than <paramref name="tolerance"/> short of it.</summary>
    public static string? StatedShortfall(long frames, int sampleRate, StatedLength? stated, TimeSpan tolerance)
    {
        if (stated is null)
            return null;
        var seconds = (double)frames / sampleRate;
        return seconds < stated.Seconds - tolerance.TotalSeconds
            ? $"decoded {seconds:F2} s, but {stated.Source} states {stated.Seconds:0.###} s"
            : null;
    }

    /// <summary>Truncated by a header that counts frames exactly (FLAC's STREAMINFO, a WAV data chunk): fewer decoded.</summary>
    public static string? DeclaredShortfall(long decoded, long declared) =>
        declared > 0 && decoded < declared ? $"decoded {decoded} of the {declared} frames the header declares" : null;
}
