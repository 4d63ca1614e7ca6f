using Pipeline.Streams.IO;
using Pipeline.Streams.Tagging;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Scoring;
using Pipeline.Streams.Windows;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Tagging;

/// <summary>The files around tagging: which paths are read, the resumable journal, streamed .npy matrices.</summary>
public sealed class TaggingFilesTests : IDisposable
{
    private readonly TempDirectory _dir = new("tagging-files");

    public void Dispose() => _dir.Dispose();

    private string Touch(string relative)
    {
        var path = _dir.File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [1]);
        return path;
    }

    [Fact]
    public void Folders_give_their_audio_files_once_each_and_named_files_are_taken_as_named()
    {
        var top = Touch("m/B.MP3");
        var flac = Touch("m/a.flac");
        Touch("m/cover.jpg");
        var nested = Touch("m/sub/c.ogg");
        var inFolderNamedMp3 = Touch("m/x.mp3/d.wav");
        var odd = Touch("elsewhere/track.audio");
        File.CreateSymbolicLink(_dir.File("m/sub/loop"), _dir.File("m"));

        var flat = AudioFileWalker.Find([_dir.File("m"), top, odd, _dir.File("gone.mp3")], recursive: false);
        var deep = AudioFileWalker.Find([_dir.File("m"), nested], recursive: true);

        Assert.Equal([top, flac, odd, _dir.File("gone.mp3")], flat.Select(f => f.AudioPath));
        Assert.Equal(Enumerable.Range(0, 4), flat.Select(f => f.Index));
        Assert.Equal(new[] { top, flac, nested, inFolderNamedMp3 }.Order(StringComparer.Ordinal), deep.Select(f => f.AudioPath));
    }

    [Fact]
    public void The_journal_knows_its_files_drops_a_torn_last_line_and_appends_after_it()
    {
        var path = _dir.File("tags.jsonl");
        File.WriteAllText(path, "{\"file\":\"/a.mp3\",\"windows\":3}\nnot json\n{\"file\":\"/b.mp3\",\"error\":\"missing\"}\n{\"file\":\"/c.mp3\",\"win");

        using (var journal = TagJournal.Open(path))
        {
            Assert.Equal(["/a.mp3", "/b.mp3"], journal.Done.Order());
            journal.Append("{\"file\":\"/c.mp3\",\"windows\":1}");
        }

        Assert.Equal(["{\"file\":\"/a.mp3\",\"windows\":3}", "not json", "{\"file\":\"/b.mp3\",\"error\":\"missing\"}", "{\"file\":\"/c.mp3\",\"windows\":1}"],
            File.ReadAllLines(path));
    }

    [Fact]
    public void A_matrix_written_row_by_row_is_what_numpy_reads_and_an_unfinished_one_leaves_nothing()
    {
        var path = _dir.File("m.npy");
        using (var writer = new NpyMatrixWriter(path, 3))
        {
            for (var row = 0; row < 1_000; row++)
                writer.Append([row, row * 0.5f, -row]);
            Assert.False(File.Exists(path));
            writer.Complete();
        }
        using (var unfinished = new NpyMatrixWriter(_dir.File("unfinished.npy"), 2))
            unfinished.Append([1, 2]);

        var read = Python.Run($"import numpy as np; m = np.load('{path}'); print(m.dtype, m.shape, m[999].tolist(), m[:, 1].sum())");
        Assert.Equal("float32 (1000, 3) [999.0, 499.5, -999.0] 249750.0", read);
        Assert.Equal([path], Directory.GetFiles(_dir.Path));
        Assert.Equal(1_000 * 3, NpyFile.ReadFloat32(path).Data.Length);
    }
}
