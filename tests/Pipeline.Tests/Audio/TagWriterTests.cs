using System.Text;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.RealShaped;
using Pipeline.Tests.Support.Tags;

namespace Pipeline.Tests.Audio;

/// <summary>The tag writers produce the byte layouts of their specifications, and another reader (mpg123) agrees.</summary>
public sealed class TagWriterTests : IDisposable
{
    private readonly TempDirectory _dir = new("tag-writers");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Id3v23_frame_sizes_are_plain_big_endian_and_id3v24_frame_sizes_are_syncsafe()
    {
        Id3v2Frame[] frames = [new Id3TextFrame("TIT2", new string('a', 199))];

        var v23 = Id3v2Writer.Write(new Id3v2Tag(3, frames));
        var v24 = Id3v2Writer.Write(new Id3v2Tag(4, frames));

        Assert.Equal([0, 0, 0, 200], v23[14..18]);
        Assert.Equal([0, 0, 1, 72], v24[14..18]);
        Assert.Equal([0, 0, 1, 82], v23[6..10]);
        Assert.Equal(220, v23.Length);
    }

    [Fact]
    public void Id3v24_footer_repeats_the_header_as_3DI_and_a_footer_with_padding_is_refused()
    {
        var appended = Id3v2Writer.WriteAppended([new Id3TextFrame("TIT2", "x")]);

        Assert.Equal("ID3", Encoding.ASCII.GetString(appended, 0, 3));
        Assert.Equal("3DI", Encoding.ASCII.GetString(appended, appended.Length - 10, 3));
        Assert.Equal(appended[3..10], appended[^7..]);
        Assert.Equal(0x10, appended[5]);
        Assert.Equal(10 + 12 + 10, appended.Length);
        Assert.Throws<ArgumentException>(() => Id3v2Writer.Write(new Id3v2Tag(4, [], Padding: 10, Footer: true)));
        Assert.Throws<ArgumentException>(() => Id3v2Writer.Write(new Id3v2Tag(3, [], Footer: true)));
    }

    [Fact]
    public void Id3v1_with_a_track_is_version_11_and_without_one_keeps_a_30_character_comment()
    {
        var v11 = Id3v1Writer.Write(new Id3v1Tag("t", "a", "b", "2005", new string('c', 40), Track: 7, Genre: 52));
        var v10 = Id3v1Writer.Write(new Id3v1Tag("t", "a", "b", Comment: new string('c', 40)));

        Assert.Equal((128, 128), (v11.Length, v10.Length));
        Assert.Equal(("2005", 0, 7, 52), (Encoding.ASCII.GetString(v11, 93, 4), (int)v11[125], (int)v11[126], (int)v11[127]));
        Assert.Equal(new string('c', 30), Encoding.ASCII.GetString(v10, 97, 30));
        Assert.Equal([0, 0, 0, 0], v10[93..97]);
    }

    [Fact]
    public void Ape_tag_has_a_header_and_a_footer_whose_size_counts_items_and_footer_but_not_the_header()
    {
        var ape = ApeTagWriter.Write([new ApeItem("Title", "été"), new ApeItem("Artist", "x")]);
        var items = (4 + 4 + 6 + 5) + (4 + 4 + 7 + 1);

        Assert.Equal(32 + items + 32, ape.Length);
        Assert.Equal("APETAGEX", Encoding.ASCII.GetString(ape, 0, 8));
        Assert.Equal("APETAGEX", Encoding.ASCII.GetString(ape, ape.Length - 32, 8));
        Assert.Equal((2000, items + 32, 2), (BitConverter.ToInt32(ape, 8), BitConverter.ToInt32(ape, 12), BitConverter.ToInt32(ape, 16)));
        Assert.Equal((0xA0000000u, 0x80000000u), (BitConverter.ToUInt32(ape, 20), BitConverter.ToUInt32(ape, ape.Length - 12)));
        Assert.Equal(5, BitConverter.ToInt32(ape, 32));
        Assert.Equal("Title\0été", Encoding.UTF8.GetString(ape, 40, 11));
    }

    [Fact]
    public void Lyrics3v2_size_field_counts_from_LYRICSBEGIN_to_the_end_of_the_last_field()
    {
        var lyrics = Lyrics3v2Writer.Write([new Lyrics3Field("IND", "10"), new Lyrics3Field("LYR", "la la")]);
        var text = Encoding.ASCII.GetString(lyrics);

        Assert.Equal("LYRICSBEGININD0000210LYR00005la la000034LYRICS200", text);
        Assert.Equal(34, text.IndexOf("000034", StringComparison.Ordinal));
    }

    [Fact]
    public void Mtat_tag_size_follows_the_range_in_its_comment()
    {
        Assert.Equal(589, DatasetTags.MtatId3v2(new MtatClipText(), 59, 88).Length);
        Assert.Equal(588, DatasetTags.MtatId3v2(new MtatClipText(), 0, 29).Length);
        Assert.Equal(591, DatasetTags.MtatId3v2(new MtatClipText(), 100, 129).Length);
    }

    [Fact]
    public void Tag_layout_reader_finds_every_tag_of_a_file_in_order()
    {
        byte[] audio = [0xFF, 0xFB, 0x90, 0x64, .. new byte[413]];
        var id3v2 = Id3v2Writer.Write(new Id3v2Tag(3, [new Id3TextFrame("TIT2", "x")], Padding: 100));
        var ape = ApeTagWriter.Write([new ApeItem("Title", "x")]);
        var lyrics = Lyrics3v2Writer.Write([new Lyrics3Field("IND", "10")]);
        var appended = Id3v2Writer.WriteAppended([new Id3TextFrame("TIT2", "y")]);
        var id3v1 = Id3v1Writer.Write(new Id3v1Tag("x", "y", "z"));
        byte[] file = [.. id3v2, .. audio, .. ape, .. lyrics, .. appended, .. id3v1];

        var layout = TagLayoutReader.Read(file);

        Assert.Equal((id3v2.Length, 100), (layout.Leading!.TotalSize, layout.Leading.Padding));
        Assert.Equal((id3v2.Length, id3v2.Length + audio.Length), ((int)layout.AudioStart, (int)layout.AudioEnd));
        Assert.Equal([TagKind.Ape, TagKind.Lyrics3v2, TagKind.Id3v2Appended, TagKind.Id3v1], layout.Trailing.Select(t => t.Kind));
        Assert.Equal([ape.Length, lyrics.Length, appended.Length, 128], layout.Trailing.Select(t => t.Size));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Mpg123_reads_the_title_of_our_id3v2_tag_past_a_50_KB_picture(int version)
    {
        var stream = File.ReadAllBytes(RealShapedAudio.Mpeg25(_dir.Path).Path);
        var encoding = version == 4 ? Id3TextEncoding.Utf8 : Id3TextEncoding.Utf16;
        var tag = Id3v2Writer.Write(new Id3v2Tag(version,
        [
            new Id3PictureFrame("image/jpeg", Id3PictureFrame.FrontCover, "", Id3PictureFrame.JpegLike(50_000)),
            new Id3TextFrame("TIT2", "Noël à Łódź", encoding),
            new Id3TextFrame("TPE1", "Somebody", encoding),
        ], Padding: 512));
        var path = TaggedFile.Write(_dir.File($"v2{version}.mp3"), tag, stream);

        var report = Tools.Run("sh", "-c", "LC_ALL=C.UTF-8 exec mpg123 -v -t -n 2 \"$1\" 2>&1", "sh", path);

        Assert.Contains("Title:   Noël à Łódź", report);
        Assert.Contains("Artist:  Somebody", report);
    }
}
