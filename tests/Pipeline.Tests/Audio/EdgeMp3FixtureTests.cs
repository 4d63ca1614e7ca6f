using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Mp3;
using Pipeline.Tests.Support.RealShaped;

namespace Pipeline.Tests.Audio;

/// <summary>The MP3 edge shapes hold what their names promise, and mpg123's counts for them are consistent with their frames.</summary>
public sealed class EdgeMp3FixtureTests : IDisposable
{
    private readonly TempDirectory _dir = new("edge-mp3");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(8_000)]
    [InlineData(11_025)]
    [InlineData(12_000)]
    public void Mpeg25_stream_is_all_mpeg25_frames_at_its_rate_and_mpg123_decodes_every_one(int rate)
    {
        var file = RealShapedAudio.Mpeg25(_dir.Path, rate);
        var bytes = File.ReadAllBytes(file.Path);
        var frames = Mp3FrameScanner.Frames(bytes, 0, bytes.Length);

        Assert.Equal([0xFF, 0xE2], [bytes[0], (byte)(bytes[1] & 0xFE)]);
        Assert.All(frames, f => Assert.Equal((MpegVersion.Mpeg25, rate, 16), (f.Header.Version, f.Header.SampleRate, f.Header.BitrateKbps)));
        Assert.Equal((rate, 1), (file.SampleRate, file.Channels));
        var audioFrames = frames.Count - (Mp3InfoFrame.Read(bytes, frames[0]) is null ? 0 : 1);
        Assert.Equal(audioFrames * 576L, file.NoGaplessSamplesPerChannel);
    }

    [Fact]
    public void Mpeg1_48kHz_vbr_stream_switches_bitrate_and_mpg123_returns_exactly_the_source_thanks_to_its_xing_frame()
    {
        var file = RealShapedAudio.Mpeg1VbrAt48kHz(_dir.Path);
        var bytes = File.ReadAllBytes(file.Path);
        var frames = Mp3FrameScanner.Frames(bytes, 0, bytes.Length);
        var xing = Mp3InfoFrame.Read(bytes, frames[0])!;

        Assert.Equal(("Xing", frames.Count - 1), (xing.Kind, xing.Frames));
        Assert.All(frames, f => Assert.Equal((MpegVersion.Mpeg1, 48_000), (f.Header.Version, f.Header.SampleRate)));
        Assert.True(frames.Skip(1).Select(f => f.Length).Distinct().Count() >= 3, "frames of several lengths");
        Assert.Equal(5 * 48_000L, file.SamplesPerChannel);
        Assert.Equal((frames.Count - 1) * 1152L, file.NoGaplessSamplesPerChannel);
    }

    [Fact]
    public void Free_format_stream_has_bitrate_index_zero_throughout_and_mpg123_decodes_it()
    {
        var file = RealShapedAudio.FreeFormat(_dir.Path, kbps: 400);
        var bytes = File.ReadAllBytes(file.Path);
        var frames = Mp3FrameScanner.Frames(bytes, 0, bytes.Length);

        Assert.All(frames, f => Assert.True(f.Header.IsFreeFormat));
        Assert.Equal(0, bytes[2] >> 4);
        Assert.Equal(144 * 400_000 / 44_100, frames.Min(f => f.Length));
        Assert.NotNull(Mp3InfoFrame.Read(bytes, frames[0]));
        Assert.Equal((44_100, 2, 3 * 44_100L), (file.SampleRate, file.Channels, file.SamplesPerChannel));
    }

    [Fact]
    public void Truncated_stream_ends_inside_its_last_frame_and_mpg123_drops_that_frame()
    {
        var file = RealShapedAudio.TruncatedInLastFrame(_dir.Path, keptBytes: 150);
        var bytes = File.ReadAllBytes(file.Path);
        var walk = Mp3FrameScanner.Walk(bytes, 0, bytes.Length);
        var info = Mp3InfoFrame.Read(bytes, walk.Frames[0])!;
        var complete = walk.Frames.Count(f => f.Complete);

        Assert.Equal((false, 150), (walk.Frames[^1].Complete, walk.Frames[^1].Length));
        Assert.Equal(complete, walk.Frames.Count - 1);
        Assert.Equal(info.Frames, complete);
        Assert.Equal((complete - 1) * 1152L, file.NoGaplessSamplesPerChannel);
        // Gapless mpg123 trims lame's delay plus the 529-sample decoder delay from the start, and nothing from an end
        // that never came.
        Assert.Equal(file.NoGaplessSamplesPerChannel - info.EncoderDelay - 529, file.SamplesPerChannel);
    }

    [Fact]
    public void Junk_sits_between_two_whole_frames_and_mpg123_loses_no_frame_over_it()
    {
        byte[] junk = [0x4A, 0x55, 0x4E, 0x4B, 0x00, 0x13, 0x37];
        var file = RealShapedAudio.JunkBetweenFrames(_dir.Path, afterFrame: 10, junk: junk);
        var bytes = File.ReadAllBytes(file.Path);
        var head = Mp3FrameScanner.Walk(bytes, 0, bytes.Length);
        var tail = Mp3FrameScanner.Walk(bytes, head.StoppedAt + junk.Length, bytes.Length);

        Assert.Equal(11, head.Frames.Count);
        Assert.Equal(junk, bytes[head.StoppedAt..(head.StoppedAt + junk.Length)]);
        Assert.Equal(bytes.Length, tail.StoppedAt);
        Assert.True(tail.Frames.All(f => f.Complete));
        var audioFrames = head.Frames.Count + tail.Frames.Count - 1;
        Assert.Equal(audioFrames * 1152L, file.NoGaplessSamplesPerChannel);
        Assert.Equal(5 * 44_100L, file.SamplesPerChannel);
    }
}
