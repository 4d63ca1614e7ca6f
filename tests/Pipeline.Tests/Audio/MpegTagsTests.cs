using Pipeline.Streams.Audio.Input;
using Pipeline.Streams.Audio.Mpeg;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.RealShaped;
using Pipeline.Tests.Support.Tags;

namespace Pipeline.Tests.Audio;

/// <summary>
/// The tags around an MPEG stream are found at both ends, in any combination, so that the frame scan starts at the
/// first frame and stops at the last (tags written by our own writers and checked by an independent layout reader).
/// </summary>
public sealed class MpegTagsTests : IDisposable
{
    private static readonly byte[] Frames = [.. Enumerable.Repeat<byte>(0x55, 500)];
    private readonly TempDirectory _dir = new("mpeg-tags");

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Trailers => new(["id3v1", "ape", "ape-with-header-then-id3v1", "lyrics3v2-then-id3v1", "appended-id3v2.4"]);

    [Theory]
    [MemberData(nameof(Trailers))]
    public void Tags_at_both_ends_leave_exactly_the_bytes_between_them(string trailer)
    {
        var leading = Id3v2Writer.Write(new Id3v2Tag(4, [new Id3TextFrame("TIT2", "title"), new Id3PictureFrame("image/jpeg", Id3PictureFrame.FrontCover, "", Id3PictureFrame.JpegLike(20_000))], Footer: true));
        byte[] trailing = trailer switch
        {
            "id3v1" => Id3v1Writer.Write(new Id3v1Tag("t", "a", "b")),
            "ape" => ApeTagWriter.Write(DatasetTags.FmaApeItems),
            "ape-with-header-then-id3v1" => [.. ApeTagWriter.Write(DatasetTags.FmaApeItems), .. DatasetTags.FmaId3v1()],
            "lyrics3v2-then-id3v1" => [.. Lyrics3v2Writer.Write(DatasetTags.FmaLyrics), .. DatasetTags.FmaId3v1()],
            _ => Id3v2Writer.WriteAppended([new Id3TextFrame("TIT2", "appended")]),
        };
        var path = _dir.File("tagged.mp3");
        File.WriteAllBytes(path, [.. leading, .. Frames, .. trailing]);

        using var bytes = FileBytes.Open(path);
        var region = MpegTags.Locate(bytes);

        var layout = TagLayoutReader.Read(File.ReadAllBytes(path));
        Assert.Equal((layout.AudioStart, layout.AudioEnd), (region.Start, region.End));
        Assert.Equal((leading.Length, leading.Length + Frames.Length), ((int)region.Start, (int)region.End));
        Assert.StartsWith("ID3v2.4", region.Tags[0]);
    }

    [Fact]
    public void A_file_that_is_nothing_but_a_tag_leaves_no_audio()
    {
        var path = _dir.File("tag-only.mp3");
        File.WriteAllBytes(path, Id3v2Writer.Write(new Id3v2Tag(3, [new Id3TextFrame("TIT2", "only a tag")])));

        using var bytes = FileBytes.Open(path);

        Assert.Null(MpegScanner.Scan(bytes));
    }
}
