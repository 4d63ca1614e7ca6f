using System.Buffers.Binary;
using System.Text;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.RealShaped;

namespace Pipeline.Tests.Audio;

/// <summary>The WAV, FLAC and Ogg Vorbis shapes sox writes, checked in their headers, and soxi's counts checked against them.</summary>
public sealed class PcmFixtureTests : IDisposable
{
    private readonly TempDirectory _dir = new("pcm-shapes");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(PcmShape.Wav16, 2, 1, 16, null)]
    [InlineData(PcmShape.Wav24, 2, 1, 24, null)]
    [InlineData(PcmShape.Wav24Extensible, 2, 0xFFFE, 24, 1)]
    [InlineData(PcmShape.WavFloat32, 2, 3, 32, null)]
    [InlineData(PcmShape.WavExtensibleMultichannel, 3, 0xFFFE, 16, 1)]
    public void Wav_shape_has_its_format_tag_and_bits_and_soxi_counts_its_data_chunk(PcmShape shape, int channels, int formatTag, int bits,
        int? subFormat)
    {
        var file = RealShapedAudio.Pcm(_dir.Path, shape, 22_050, channels, seconds: 1.5);
        var bytes = File.ReadAllBytes(file.Path);
        var fmt = Chunk(bytes, "fmt ");
        var data = Chunk(bytes, "data");

        Assert.Equal((formatTag, channels, 22_050, bits), (BinaryPrimitives.ReadUInt16LittleEndian(fmt), (int)BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]),
            BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]), (int)BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..])));
        if (subFormat is { } guid)
            Assert.Equal(guid, BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]));
        Assert.Equal(formatTag != 1, FindChunk(bytes, "fact") >= 0);
        Assert.Equal(data.Length / (channels * bits / 8), file.SamplesPerChannel);
        Assert.Equal((22_050, channels, 33_075L), (file.SampleRate, file.Channels, file.SamplesPerChannel));
    }

    [Theory]
    [InlineData(PcmShape.Flac16, 16)]
    [InlineData(PcmShape.Flac24, 24)]
    public void Flac_shape_declares_its_bits_and_length_in_streaminfo(PcmShape shape, int bits)
    {
        var file = RealShapedAudio.Pcm(_dir.Path, shape, 44_100, 2, seconds: 1.5);
        var streamInfo = File.ReadAllBytes(file.Path).AsSpan(8, 34);

        Assert.Equal("fLaC", Encoding.ASCII.GetString(File.ReadAllBytes(file.Path), 0, 4));
        var packed = BinaryPrimitives.ReadUInt64BigEndian(streamInfo[10..]);
        Assert.Equal(44_100, (int)(packed >> 44));
        Assert.Equal(2, (int)((packed >> 41) & 7) + 1);
        Assert.Equal(bits, (int)((packed >> 36) & 31) + 1);
        Assert.Equal(66_150L, (long)(packed & 0xF_FFFF_FFFF));
        Assert.Equal(66_150L, file.SamplesPerChannel);
    }

    [Fact]
    public void Ogg_vorbis_shape_has_a_vorbis_identification_header_and_soxi_counts_the_source()
    {
        var file = RealShapedAudio.Pcm(_dir.Path, PcmShape.OggVorbis, 44_100, 2, seconds: 1.5);
        var bytes = File.ReadAllBytes(file.Path);
        var identification = bytes.AsSpan().IndexOf("\u0001vorbis"u8);

        Assert.Equal("OggS", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(2, bytes[identification + 11]);
        Assert.Equal(44_100, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(identification + 12)));
        Assert.Equal((44_100, 2, 66_150L), (file.SampleRate, file.Channels, file.SamplesPerChannel));
    }

    private static ReadOnlySpan<byte> Chunk(byte[] wav, string id)
    {
        var at = FindChunk(wav, id);
        Assert.True(at >= 0, $"no '{id}' chunk");
        return wav.AsSpan(at + 8, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(at + 4)));
    }

    /// <summary>Walks the RIFF chunks after "WAVE" (chunks are padded to even sizes).</summary>
    private static int FindChunk(byte[] wav, string id)
    {
        for (var at = 12; at + 8 <= wav.Length; at += 8 + ((BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(at + 4)) + 1) & ~1))
        {
            if (Encoding.ASCII.GetString(wav, at, 4) == id)
                return at;
        }
        return -1;
    }
}
