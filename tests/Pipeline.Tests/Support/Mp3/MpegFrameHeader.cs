namespace Pipeline.Tests.Support.Mp3;

public enum MpegVersion
{
    Mpeg1,
    Mpeg2,
    Mpeg25,
}

public enum ChannelMode
{
    Stereo = 0,
    JointStereo = 1,
    DualChannel = 2,
    Mono = 3,
}

/// <summary>
/// The 32-bit MPEG audio frame header (ISO/IEC 11172-3 2.4.2.3, 13818-3, and the unofficial MPEG-2.5 extension),
/// parsed on its own so that tests can check what lame and our frame tools wrote.
/// </summary>
public readonly record struct MpegFrameHeader(
    MpegVersion Version,
    int Layer,
    bool HasCrc,
    int BitrateKbps,
    int SampleRate,
    bool Padded,
    ChannelMode Mode,
    int ModeExtension,
    bool Copyright,
    bool Original)
{
    private static readonly int[][] Mpeg1Bitrates =
    [
        [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
        [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
        [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
    ];

    private static readonly int[][] Mpeg2Bitrates =
    [
        [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
        [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
        [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    ];

    private static readonly int[] Mpeg1Rates = [44_100, 48_000, 32_000];

    public int Channels => Mode == ChannelMode.Mono ? 1 : 2;

    public bool IsFreeFormat => BitrateKbps == 0;

    public int SamplesPerFrame => Layer switch
    {
        1 => 384,
        2 => 1152,
        _ => Version == MpegVersion.Mpeg1 ? 1152 : 576,
    };

    /// <summary>Bytes of Layer III side information after the header (and CRC).</summary>
    public int SideInfoSize => (Version == MpegVersion.Mpeg1, Mode == ChannelMode.Mono) switch
    {
        (true, true) => 17,
        (true, false) => 32,
        (false, true) => 9,
        (false, false) => 17,
    };

    /// <summary>Frame length in bytes at a bitrate, with this header's padding slot.</summary>
    public int LengthAt(int bitrateKbps)
    {
        var bitrate = bitrateKbps * 1000;
        return Layer switch
        {
            1 => (12 * bitrate / SampleRate + (Padded ? 1 : 0)) * 4,
            3 when Version != MpegVersion.Mpeg1 => 72 * bitrate / SampleRate + (Padded ? 1 : 0),
            _ => 144 * bitrate / SampleRate + (Padded ? 1 : 0),
        };
    }

    /// <summary>The frame length in bytes; free-format frames need the stream to tell (see Mp3FrameScanner).</summary>
    public int? Length => IsFreeFormat ? null : LengthAt(BitrateKbps);

    public static bool TryParse(ReadOnlySpan<byte> bytes, out MpegFrameHeader header)
    {
        header = default;
        if (bytes.Length < 4 || bytes[0] != 0xFF || (bytes[1] & 0xE0) != 0xE0)
            return false;
        var versionBits = (bytes[1] >> 3) & 3;
        var layerBits = (bytes[1] >> 1) & 3;
        var bitrateIndex = bytes[2] >> 4;
        var rateIndex = (bytes[2] >> 2) & 3;
        if (versionBits == 1 || layerBits == 0 || bitrateIndex == 15 || rateIndex == 3)
            return false;
        var version = versionBits switch { 3 => MpegVersion.Mpeg1, 2 => MpegVersion.Mpeg2, _ => MpegVersion.Mpeg25 };
        var layer = 4 - layerBits;
        var rate = Mpeg1Rates[rateIndex] / (version switch { MpegVersion.Mpeg1 => 1, MpegVersion.Mpeg2 => 2, _ => 4 });
        var bitrate = (version == MpegVersion.Mpeg1 ? Mpeg1Bitrates : Mpeg2Bitrates)[layer - 1][bitrateIndex];
        header = new MpegFrameHeader(version, layer, HasCrc: (bytes[1] & 1) == 0, bitrate, rate, Padded: ((bytes[2] >> 1) & 1) == 1,
            (ChannelMode)(bytes[3] >> 6), (bytes[3] >> 4) & 3, Copyright: ((bytes[3] >> 3) & 1) == 1, Original: ((bytes[3] >> 2) & 1) == 1);
        return true;
    }

    /// <summary>Whether another header belongs to the same stream (same version, layer, rate: the fields that never change).</summary>
    public bool SameStreamAs(MpegFrameHeader other) => other.Version == Version && other.Layer == Layer && other.SampleRate == SampleRate;
}
