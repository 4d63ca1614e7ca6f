namespace Pipeline.Streams.Audio.Mpeg;

/// <summary>
/// The fixed 4-byte header of an MPEG-1/2/2.5 audio frame (ISO/IEC 11172-3 2.4.1.3, 13818-3 2.4.1.3). A free-format
/// frame (bitrate index 0) has no length of its own: the stream's scan measures it from the distance between syncs.
/// </summary>
public readonly record struct MpegFrameHeader(
    MpegVersion Version,
    int Layer,
    bool HasCrc,
    int BitrateIndex,
    int Bitrate,
    int SampleRate,
    bool Padded,
    int ChannelMode)
{
    // kbit/s by [MPEG-1 ? 0 : 1][layer - 1][index]; index 0 is free format, 15 is forbidden.
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

    public const int Size = 4;

    public bool IsFreeFormat => BitrateIndex == 0;

    public int Channels => ChannelMode == 3 ? 1 : 2;

    /// <summary>PCM samples per channel one frame decodes to.</summary>
    public int SamplesPerFrame => Layer switch
    {
        1 => 384,
        3 when Version != MpegVersion.Mpeg1 => 576,
        _ => 1152,
    };

    /// <summary>Bytes per slot: layer I counts 4-byte slots, the others single bytes; a padded frame has one more slot.</summary>
    public int SlotBytes => Layer == 1 ? 4 : 1;

    private int SlotsPerFrameNumerator => SamplesPerFrame / 8 / SlotBytes;

    /// <summary>The frame's length in bytes including this header, or 0 for a free-format frame.</summary>
    public int FrameLength => IsFreeFormat ? 0 : FrameLengthAt(Bitrate);

    /// <summary>The length a frame of this kind has at <paramref name="bitrate"/> bit/s (free format: the stream's own).</summary>
    public int FrameLengthAt(int bitrate) => (SlotsPerFrameNumerator * bitrate / SampleRate + (Padded ? 1 : 0)) * SlotBytes;

    /// <summary>
    /// Bytes of side information after the header (and CRC) of a layer III frame: where a Xing/Info header starts.
    /// </summary>
    public int SideInfoLength => (Version == MpegVersion.Mpeg1, Channels) switch
    {
        (true, 1) => 17,
        (true, _) => 32,
        (false, 1) => 9,
        _ => 17,
    };

    /// <summary>
    /// Whether two frames can belong to one stream: a decoder keeps version, layer and sample rate across frames,
    /// so a sync word that changes them is far more likely to be payload than a real frame.
    /// </summary>
    public bool SameStreamAs(MpegFrameHeader other) =>
        Version == other.Version && Layer == other.Layer && SampleRate == other.SampleRate;

    /// <summary>Parses a header, or returns null when the bytes are not a valid one (no sync, reserved values).</summary>
    public static MpegFrameHeader? TryParse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Size || bytes[0] != 0xFF || (bytes[1] & 0xE0) != 0xE0)
            return null;
        var versionBits = (bytes[1] >> 3) & 3;
        var layerBits = (bytes[1] >> 1) & 3;
        var bitrateIndex = bytes[2] >> 4;
        var rateIndex = (bytes[2] >> 2) & 3;
        // Emphasis 2 is reserved but decoded by mpg123 (ISO's l3-hecommon stream has such a frame), so it is no reason to reject a frame.
        if (versionBits == 1 || layerBits == 0 || bitrateIndex == 15 || rateIndex == 3)
            return null;

        var version = versionBits switch { 3 => MpegVersion.Mpeg1, 2 => MpegVersion.Mpeg2, _ => MpegVersion.Mpeg25 };
        var layer = 4 - layerBits;
        var bitrate = Bitrates[version == MpegVersion.Mpeg1 ? 0 : 1][layer - 1][bitrateIndex] * 1000;
        var sampleRate = Mpeg1Rates[rateIndex] / (version switch { MpegVersion.Mpeg1 => 1, MpegVersion.Mpeg2 => 2, _ => 4 });
        return new MpegFrameHeader(version, layer, HasCrc: (bytes[1] & 1) == 0, bitrateIndex, bitrate, sampleRate,
            Padded: ((bytes[2] >> 1) & 1) == 1, ChannelMode: bytes[3] >> 6);
    }
}

public enum MpegVersion
{
    Mpeg1,
    Mpeg2,
    Mpeg25,
}
