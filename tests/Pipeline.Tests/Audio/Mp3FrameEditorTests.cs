using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Mp3;
using Pipeline.Tests.Support.RealShaped;

namespace Pipeline.Tests.Audio;

/// <summary>The frame-level edits keep whole frames, and mpg123 agrees on what they leave.</summary>
public sealed class Mp3FrameEditorTests : IDisposable
{
    private readonly TempDirectory _dir = new("frame-editor");

    public void Dispose() => _dir.Dispose();

    private static byte[] Encode() => LameEncodes.Encode(FixtureSignal.CMajor, 22_050, 2, 3 * 22_050, "-b", "64", "-m", "j");

    [Fact]
    public void Stripping_the_info_frame_removes_exactly_that_frame_and_with_it_mpg123s_gapless_trim()
    {
        var encoded = Encode();
        var before = IndependentCounts.Mpeg(TaggedFile.Write(_dir.File("info.mp3"), encoded));

        var stripped = Mp3FrameEditor.StripInfoFrame(encoded);
        var after = IndependentCounts.Mpeg(TaggedFile.Write(_dir.File("stripped.mp3"), stripped));

        var frames = Mp3FrameScanner.Frames(encoded, 0, encoded.Length);
        Assert.Equal(encoded[frames[1].Offset..], stripped);
        Assert.Null(Mp3InfoFrame.Read(stripped, Mp3FrameScanner.Frames(stripped, 0, stripped.Length)[0]));
        Assert.Equal(3 * 22_050L, before.SamplesPerChannel);
        Assert.Equal(before.NoGaplessSamplesPerChannel, after.NoGaplessSamplesPerChannel);
        Assert.Equal(after.NoGaplessSamplesPerChannel, after.SamplesPerChannel);
        Assert.Same(stripped, Mp3FrameEditor.StripInfoFrame(stripped));
    }

    [Fact]
    public void A_cut_is_the_run_of_whole_frames_asked_for_and_decodes_to_that_many_frames()
    {
        var encoded = Encode();
        var audio = Mp3FrameScanner.Frames(encoded, 0, encoded.Length).Skip(1).ToList();

        var cut = Mp3FrameEditor.CutFrames(encoded, first: 20, count: 50);
        var counted = IndependentCounts.Mpeg(TaggedFile.Write(_dir.File("cut.mp3"), cut));

        Assert.Equal(encoded[audio[20].Offset..audio[69].End], cut);
        Assert.Equal(50 * 576L, counted.NoGaplessSamplesPerChannel);
        Assert.Throws<ArgumentOutOfRangeException>(() => Mp3FrameEditor.CutFrames(encoded, audio.Count - 10, 11));
    }

    [Fact]
    public void Truncating_keeps_the_asked_bytes_of_the_last_frame_and_refuses_to_cut_into_its_header()
    {
        var encoded = Encode();
        var last = Mp3FrameScanner.Frames(encoded, 0, encoded.Length)[^1];

        var truncated = Mp3FrameEditor.TruncateLastFrame(encoded, 100);

        Assert.Equal(last.Offset + 100, truncated.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => Mp3FrameEditor.TruncateLastFrame(encoded, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mp3FrameEditor.TruncateLastFrame(encoded, last.Length));
    }
}
