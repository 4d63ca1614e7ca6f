using System.Text;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Mp3;
using Pipeline.Tests.Support.RealShaped;
using Pipeline.Tests.Support.Tags;

namespace Pipeline.Tests.Audio;

/// <summary>
/// The dataset-shaped fixtures against what was measured on real files: MagnaTagATune clip
/// joram-moments_of_clarity-08-solipsism-59-88.mp3 and MSD preview TRWJAZW128F42760DD_test.mp3 (musicnn's audio/).
/// </summary>
public sealed class RealShapedFixtureTests : IDisposable
{
    private readonly TempDirectory _dir = new("real-shaped");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Mtat_excerpt_carries_the_real_clips_589_byte_id3v23_tag_frame_for_frame()
    {
        var file = RealShapedAudio.MtatExcerpt(_dir.Path);
        var tag = TagLayoutReader.Read(File.ReadAllBytes(file.Path)).Leading!;

        Assert.Equal(3, tag.Version);
        Assert.Equal(589, tag.TotalSize);
        Assert.Equal(0, tag.Padding);
        Assert.Equal(["TSSE", "COMM", "TPE1", "TALB", "TIT2", "TLEN"], tag.Frames.Select(f => f.Id));
        Assert.Equal([52, 416, 6, 19, 20, 6], tag.Frames.Select(f => f.Size));
        var comment = tag.Frames[1].Body;
        Assert.Equal("\0XXX\0", Encoding.Latin1.GetString(comment, 0, 5));
        Assert.StartsWith("This excerpt (range [59, 88] from the original)", Encoding.Latin1.GetString(comment, 5, comment.Length - 5));
        Assert.Equal("\0solipsism (EXCERPT)", Encoding.Latin1.GetString(tag.Frames[4].Body));
        Assert.Equal("\029000", Encoding.Latin1.GetString(tag.Frames[5].Body));
    }

    [Fact]
    public void Mtat_excerpt_is_809_cbr_frames_of_16k_mono_32kbps_right_after_the_tag_with_no_info_frame_then_id3v1()
    {
        var file = RealShapedAudio.MtatExcerpt(_dir.Path);
        var bytes = File.ReadAllBytes(file.Path);
        var layout = TagLayoutReader.Read(bytes);

        Assert.Equal(117_213, bytes.Length);
        Assert.Equal([0xFF, 0xF3, 0x48, 0xC0], bytes[589..593]);
        var frames = Mp3FrameScanner.Frames(bytes, layout.AudioStart, layout.AudioEnd);
        Assert.Equal(809, frames.Count);
        Assert.All(frames, f => Assert.Equal((MpegVersion.Mpeg2, 16_000, ChannelMode.Mono, 32, 144, false),
            (f.Header.Version, f.Header.SampleRate, f.Header.Mode, f.Header.BitrateKbps, f.Length, f.Header.HasCrc)));
        Assert.Null(Mp3InfoFrame.Read(bytes, frames[0]));
        var v1 = Assert.Single(layout.Trailing);
        Assert.Equal((TagKind.Id3v1, bytes.Length - 128L), (v1.Kind, v1.Offset));
        Assert.Equal("This excerpt (range [59, 88] f", Encoding.Latin1.GetString(bytes, bytes.Length - 31, 30));
        Assert.Equal([0, 0, 0, 0], bytes[^35..^31]);
        Assert.Equal(255, bytes[^1]);
    }

    [Fact]
    public void Mtat_excerpt_is_encoded_on_its_own_so_mpg123_decodes_every_frame_and_lames_delay_leads()
    {
        var file = RealShapedAudio.MtatExcerpt(_dir.Path);
        var bytes = File.ReadAllBytes(file.Path);
        var first = Mp3FrameScanner.Walk(bytes, 589, bytes.Length - 128).Frames[0];
        var pcm = Decode(file.Path);

        Assert.Equal(0, Mp3FrameScanner.MainDataBegin(bytes, first));
        Assert.Equal((16_000, 1, 465_984L, 465_984L), (file.SampleRate, file.Channels, file.SamplesPerChannel, file.NoGaplessSamplesPerChannel));
        Assert.Equal(465_984, pcm.Length);
        Assert.InRange(Signal.Rms(pcm.AsSpan(0, 1000)), 0, 0.03);
        Assert.InRange(Signal.Rms(pcm.AsSpan(1105, 16_000)), 0.3, 0.4);
    }

    [Fact]
    public void Frame_cut_mtat_excerpt_starts_on_a_frame_whose_data_begins_in_the_frame_that_was_cut_away()
    {
        var file = RealShapedAudio.MtatExcerpt(_dir.Path, cut: MtatCut.FrameCut);
        var bytes = File.ReadAllBytes(file.Path);
        var layout = TagLayoutReader.Read(bytes);
        var frames = Mp3FrameScanner.Frames(bytes, layout.AudioStart, layout.AudioEnd);

        Assert.Equal(589, layout.AudioStart);
        Assert.Equal(809, frames.Count);
        Assert.InRange(Mp3FrameScanner.MainDataBegin(bytes, frames[0]), 1, 255);
        Assert.Null(Mp3InfoFrame.Read(bytes, frames[0]));
        Assert.Equal(809 * 576L, file.NoGaplessSamplesPerChannel);
    }

    [Theory]
    [InlineData(MsdPreviewShape.Mpeg2At22kHz, MpegVersion.Mpeg2, 22_050, 64)]
    [InlineData(MsdPreviewShape.Mpeg1At44kHz, MpegVersion.Mpeg1, 44_100, 128)]
    public void Msd_preview_has_a_padded_id3v23_tag_an_info_frame_joint_stereo_cbr_and_id3v11(MsdPreviewShape shape, MpegVersion version,
        int rate, int kbps)
    {
        var file = RealShapedAudio.MsdPreview(_dir.Path, shape);
        var bytes = File.ReadAllBytes(file.Path);
        var layout = TagLayoutReader.Read(bytes);
        var frames = Mp3FrameScanner.Frames(bytes, layout.AudioStart, layout.AudioEnd);
        var info = Mp3InfoFrame.Read(bytes, frames[0])!;

        Assert.Equal((3, 1286, 1024), (layout.Leading!.Version, layout.Leading.TotalSize, layout.Leading.Padding));
        Assert.Equal(["TALB", "TIT2", "TPE1", "TRCK", "COMM", "TYER", "TCOP", "WPAY", "TPUB"], layout.Leading.Frames.Select(f => f.Id));
        Assert.All(frames, f => Assert.Equal((version, rate, ChannelMode.JointStereo, kbps), (f.Header.Version, f.Header.SampleRate, f.Header.Mode,
            f.Header.BitrateKbps)));
        Assert.Equal(("Info", frames.Count - 1), (info.Kind, info.Frames));
        Assert.StartsWith("LAME", info.Encoder);
        Assert.Equal(576, info.EncoderDelay);
        Assert.Equal(TagKind.Id3v1, Assert.Single(layout.Trailing).Kind);
        Assert.Equal((0, 4), (bytes[^3], bytes[^2]));
        Assert.Equal(Math.Round(RealShapedAudio.MsdPreviewSeconds * rate), file.SamplesPerChannel);
        Assert.Equal((frames.Count - 1) * (long)frames[0].Header.SamplesPerFrame, file.NoGaplessSamplesPerChannel);
        Assert.Equal(file.NoGaplessSamplesPerChannel - info.EncoderDelay - info.EncoderPadding, file.SamplesPerChannel);
    }

    [Fact]
    public void The_22kHz_msd_preview_decodes_to_the_real_previews_660340_samples()
    {
        var file = RealShapedAudio.MsdPreview(_dir.Path);

        Assert.Equal((22_050, 2, 660_340L), (file.SampleRate, file.Channels, file.SamplesPerChannel));
        Assert.Equal(660_340, Decode(file.Path).Length / 2);
    }

    [Fact]
    public void Fma_track_has_an_id3v24_tag_with_syncsafe_sizes_and_a_50_KB_picture_then_vbr_frames_behind_a_xing_frame()
    {
        var file = RealShapedAudio.FmaTrack(_dir.Path);
        var bytes = File.ReadAllBytes(file.Path);
        var layout = TagLayoutReader.Read(bytes);
        var picture = layout.Leading!.Frames.Single(f => f.Id == "APIC");
        var pictureAt = IndexOfFrame(bytes, "APIC");
        var frames = Mp3FrameScanner.Frames(bytes, layout.AudioStart, layout.AudioEnd);
        var xing = Mp3InfoFrame.Read(bytes, frames[0])!;

        Assert.Equal((4, 2048), (layout.Leading.Version, layout.Leading.Padding));
        Assert.Equal(1 + "image/jpeg\0".Length + 1 + 1 + RealShapedAudio.FmaPictureBytes, picture.Size);
        Assert.Equal(Id3v2Writer.Syncsafe(picture.Size), bytes[(pictureAt + 4)..(pictureAt + 8)]);
        Assert.Equal([0xFF, 0xD8, 0xFF, 0xE0], picture.Body[14..18]);
        Assert.Equal("Noël à Łódź — 夜", Encoding.UTF8.GetString(layout.Leading.Frames.Single(f => f.Id == "TIT2").Body[1..]));
        Assert.Equal(("Xing", frames.Count - 1), (xing.Kind, xing.Frames));
        Assert.All(frames, f => Assert.Equal((MpegVersion.Mpeg1, 44_100, ChannelMode.JointStereo), (f.Header.Version, f.Header.SampleRate, f.Header.Mode)));
        Assert.True(frames.Skip(1).Select(f => f.Header.BitrateKbps).Distinct().Count() >= 3, "VBR frames switch bitrate");
        Assert.Equal((44_100, 2, 30 * 44_100L), (file.SampleRate, file.Channels, file.SamplesPerChannel));
    }

    [Theory]
    [InlineData(FmaTrailer.Ape, new[] { TagKind.Ape, TagKind.Id3v1 })]
    [InlineData(FmaTrailer.ApeAndAppendedId3v2, new[] { TagKind.Ape, TagKind.Id3v2Appended, TagKind.Id3v1 })]
    [InlineData(FmaTrailer.ApeAndLyrics3v2, new[] { TagKind.Ape, TagKind.Lyrics3v2, TagKind.Id3v1 })]
    public void Fma_track_ends_with_its_trailing_tags_in_order_and_mpg123_still_counts_the_source(FmaTrailer trailer, TagKind[] expected)
    {
        var file = RealShapedAudio.FmaTrack(_dir.Path, trailer, seconds: 6);
        var bytes = File.ReadAllBytes(file.Path);
        var layout = TagLayoutReader.Read(bytes);
        var ape = layout.Trailing[0];

        Assert.Equal(expected, layout.Trailing.Select(t => t.Kind));
        Assert.Equal(layout.AudioEnd, ape.Offset);
        Assert.Equal("APETAGEX", Encoding.ASCII.GetString(bytes, (int)ape.Offset, 8));
        Assert.Equal(DatasetTags.FmaApeItems.Count, BitConverter.ToInt32(bytes, (int)ape.Offset + 16));
        Assert.Equal(6 * 44_100L, file.SamplesPerChannel);
        if (trailer == FmaTrailer.ApeAndAppendedId3v2)
        {
            var appended = TagLayoutReader.ReadId3v2(bytes, layout.Trailing[1].Offset);
            Assert.Equal((4, true, layout.Trailing[1].Size), (appended.Version, appended.HasFooter, appended.TotalSize));
        }
    }

    /// <summary>`mpg123 -s`: raw 16-bit samples, the second way of counting beside the fixture's `-w -`.</summary>
    internal static float[] Decode(string path, params string[] options) =>
        SampleBytes(Tools.RunBinary("mpg123", [.. options, "-q", "-s", path]));

    private static int IndexOfFrame(byte[] bytes, string id) => bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(id));

    private static float[] SampleBytes(byte[] raw)
    {
        var samples = new float[raw.Length / 2];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = BitConverter.ToInt16(raw, 2 * i) / 32768f;
        return samples;
    }
}
