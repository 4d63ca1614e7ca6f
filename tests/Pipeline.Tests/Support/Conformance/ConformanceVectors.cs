using System.Buffers.Binary;
using System.IO.Compression;
using Pipeline.Tests.Support.Mp3;

namespace Pipeline.Tests.Support.Conformance;

/// <summary>
/// One ISO/IEC 11172-4 or 13818-4 Layer III conformance stream in Data/mp3-conformance: &lt;name&gt;.bit and its
/// reference decode &lt;name&gt;.pcm.gz (16-bit little-endian, each frame in the stream's channel count at that frame).
/// <see cref="ReferenceOmitsLastFrame"/>: the reference stops one frame before the last complete frame (measured).
/// </summary>
public sealed record ConformanceStream(string Name, string Exercises, bool ReferenceOmitsLastFrame = false);

/// <summary>What the frame headers of a conformance stream say: rate, frames, each complete frame's channel count.</summary>
public sealed record ConformanceLayout(int SampleRate, int SamplesPerFrame, IReadOnlyList<int> FrameChannels, bool EndsInPartialFrame)
{
    public int Frames => FrameChannels.Count;

    /// <summary>The channel count, or null where the stream changes it (l3-he_mode).</summary>
    public int? Channels => FrameChannels.Distinct().Count() == 1 ? FrameChannels[0] : null;

    /// <summary>Interleaved 16-bit values that decoding the first <paramref name="frames"/> frames gives.</summary>
    public long ValuesIn(int frames) => FrameChannels.Take(frames).Sum(c => (long)c * SamplesPerFrame);
}

/// <summary>A reference decode, with the frame bookkeeping that lets a test compare it frame by frame.</summary>
public sealed record ReferencePcm(short[] Interleaved, ConformanceLayout Layout, int Frames)
{
    public ReadOnlySpan<short> Frame(int frame) =>
        Interleaved.AsSpan((int)Layout.ValuesIn(frame), Layout.FrameChannels[frame] * Layout.SamplesPerFrame);
}

/// <summary>Lists and reads the conformance streams copied from github.com/lieff/minimp3 (vectors/, CC0).</summary>
public static class ConformanceVectors
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Data", "mp3-conformance");

    public static IReadOnlyList<ConformanceStream> All { get; } =
    [
        new("l3-compl", "MPEG-1 48 kHz mono 64 kbps compliance stream (ISO 11172-4 compl.bit); ends inside its last frame"),
        new("l3-he_32khz", "MPEG-1 32 kHz mono stepping through every bitrate, 32-320 kbps", ReferenceOmitsLastFrame: true),
        new("l3-he_44khz", "MPEG-1 44.1 kHz mono stepping through every bitrate, 32-320 kbps", ReferenceOmitsLastFrame: true),
        new("l3-he_48khz", "MPEG-1 48 kHz mono stepping through every bitrate, 32-320 kbps", ReferenceOmitsLastFrame: true),
        new("l3-he_mode", "MPEG-1 44.1 kHz 128 kbps changing channel mode: mono, stereo, dual channel, joint stereo with every " +
            "mode extension (intensity and M/S on and off), mono again"),
        new("l3-he_free", "MPEG-1 44.1 kHz stereo free format (bitrate index 0, 391/392-byte frames)", ReferenceOmitsLastFrame: true),
        new("l3-hecommon", "MPEG-1 44.1 kHz stereo 128 kbps with CRC-protected frames", ReferenceOmitsLastFrame: true),
        new("M2L3_bitrate_16_all", "MPEG-2 LSF 16 kHz mono stepping through every bitrate, 8-160 kbps"),
        new("M2L3_bitrate_22_all", "MPEG-2 LSF 22.05 kHz mono stepping through every bitrate, 8-160 kbps"),
        new("M2L3_bitrate_24_all", "MPEG-2 LSF 24 kHz mono stepping through every bitrate, 8-160 kbps"),
        new("M2L3_compl24", "MPEG-2 LSF 24 kHz mono 128 kbps compliance stream"),
        new("M2L3_noise", "MPEG-2 LSF 22.05 kHz joint stereo 96 kbps noise, one frame with intensity stereo"),
    ];

    public static ConformanceStream Named(string name) =>
        All.SingleOrDefault(s => s.Name == name) ?? throw new ArgumentException($"no conformance stream '{name}'", nameof(name));

    public static byte[] ReadBitstream(ConformanceStream stream) => File.ReadAllBytes(Path.Combine(Folder, stream.Name + ".bit"));

    /// <summary>Rate, frame length in samples and channels per frame, from the stream's own frame headers.</summary>
    public static ConformanceLayout Layout(ConformanceStream stream)
    {
        var bits = ReadBitstream(stream);
        var walk = Mp3FrameScanner.Walk(bits, 0, bits.Length);
        if (walk.StoppedAt != bits.Length || walk.Frames.Count == 0)
            throw new InvalidDataException($"{stream.Name}.bit: frames stop at byte {walk.StoppedAt} of {bits.Length}");
        var complete = walk.Frames.Where(f => f.Complete).ToList();
        var first = complete[0].Header;
        if (complete.Any(f => f.Header.SampleRate != first.SampleRate || f.Header.SamplesPerFrame != first.SamplesPerFrame))
            throw new InvalidDataException($"{stream.Name}.bit changes sample rate or layer mid-stream");
        return new ConformanceLayout(first.SampleRate, first.SamplesPerFrame, complete.Select(f => f.Header.Channels).ToList(),
            EndsInPartialFrame: !walk.Frames[^1].Complete);
    }

    /// <summary>The reference decode; it must end on a frame boundary of the layout, or the bookkeeping is wrong.</summary>
    public static ReferencePcm ReadReference(ConformanceStream stream)
    {
        var layout = Layout(stream);
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(Folder, stream.Name + ".pcm.gz")), CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        gzip.CopyTo(bytes);
        var raw = bytes.GetBuffer().AsSpan(0, (int)bytes.Length);
        var values = new short[raw.Length / 2];
        for (var i = 0; i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadInt16LittleEndian(raw[(2 * i)..]);
        var frames = Enumerable.Range(0, layout.Frames + 1).FirstOrDefault(n => layout.ValuesIn(n) == values.Length, -1);
        if (raw.Length % 2 != 0 || frames < 0)
            throw new InvalidDataException($"{stream.Name}.pcm holds {raw.Length} bytes, not a whole number of the stream's frames");
        return new ReferencePcm(values, layout, frames);
    }
}
