namespace Pipeline.Streams.Audio;

/// <summary>
/// Walks the frame headers of an MPEG audio file to find a cut-off last frame. mpg123 silently decodes what is
/// there, so a file cut at a random byte (an interrupted download or copy) would otherwise pass as a shorter clip.
/// </summary>
public static class MpegFrameWalker
{
    // Bitrates in kbit/s by [version is MPEG-1 ? 0 : 1][layer 1..3 - 1][index].
    private static readonly int[][][] Bitrates =
    [
        [
            [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
            [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
            [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
        ],
        [
            [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
            [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
            [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
        ],
    ];

    private static readonly int[] Mpeg1Rates = [44_100, 48_000, 32_000];

    /// <summary>
    /// Returns a description of the truncation when the stream's last frame extends past the end of the file,
    /// or null when every frame is complete (or the frames cannot be followed, which is left to the decoder).
    /// </summary>
    public static string? FindTruncation(ReadOnlySpan<byte> file)
    {
        var position = SkipId3v2(file);
        var frames = 0;
        while (position + 4 <= file.Length)
        {
            var length = FrameLength(file.Slice(position, 4));
            if (length <= 0)
                return null; // a trailing tag (ID3v1, APE) or junk: nothing to judge
            if (position + length > file.Length)
                return $"the last MPEG frame is cut off ({file.Length - position} of {length} bytes present after {frames} whole frames)";
            position += length;
            frames++;
        }
        return position < file.Length && frames > 0 && file[position] == 0xFF
            ? $"the file ends inside a frame header after {frames} whole frames"
            : null;
    }

    /// <summary>The length in bytes of the frame whose 4-byte header is given, or 0 if it is not a valid header.</summary>
    public static int FrameLength(ReadOnlySpan<byte> header)
    {
        if (header[0] != 0xFF || (header[1] & 0xE0) != 0xE0)
            return 0;
        var versionBits = (header[1] >> 3) & 3; // 0 = MPEG-2.5, 1 = reserved, 2 = MPEG-2, 3 = MPEG-1
        var layerBits = (header[1] >> 1) & 3;   // 1 = layer III, 2 = layer II, 3 = layer I
        var bitrateIndex = header[2] >> 4;
        var rateIndex = (header[2] >> 2) & 3;
        var padding = (header[2] >> 1) & 1;
        if (versionBits == 1 || layerBits == 0 || bitrateIndex is 0 or 15 || rateIndex == 3)
            return 0;

        var mpeg1 = versionBits == 3;
        var layer = 4 - layerBits;
        var bitrate = Bitrates[mpeg1 ? 0 : 1][layer - 1][bitrateIndex] * 1000;
        var sampleRate = Mpeg1Rates[rateIndex] / (mpeg1 ? 1 : versionBits == 2 ? 2 : 4);
        return layer switch
        {
            1 => (12 * bitrate / sampleRate + padding) * 4,
            3 when !mpeg1 => 72 * bitrate / sampleRate + padding,
            _ => 144 * bitrate / sampleRate + padding,
        };
    }

    private static int SkipId3v2(ReadOnlySpan<byte> file)
    {
        if (file.Length < 10 || file[0] != 'I' || file[1] != 'D' || file[2] != '3')
            return 0;
        var size = (file[6] & 0x7F) << 21 | (file[7] & 0x7F) << 14 | (file[8] & 0x7F) << 7 | (file[9] & 0x7F);
        var footer = (file[5] & 0x10) != 0 ? 10 : 0;
        return Math.Min(file.Length, 10 + size + footer);
    }
}
