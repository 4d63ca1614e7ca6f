using System.Text;

namespace Pipeline.Tests.Support.Datasets;

/// <summary>
/// An MTAT-format corpus with good clips and one clip for each corpus fault: a 0-byte file, an MP3 cut at a random
/// byte, random bytes named .mp3, a WAV whose header claims more data than it has, a directory where a file should be,
/// a missing file, a symbolic-link loop, a non-UTF-8 file name, and a name too long for the file system.
/// </summary>
public static class FaultyCorpus
{
    public static readonly string[] Vocabulary = ["guitar", "piano", "drums", "violin"];

    /// <summary>The good clips, and for each fault the path and id of its clip.</summary>
    public sealed record Corpus(IReadOnlyList<FixtureClip> Good, IReadOnlyDictionary<string, string> BadPathsByFault,
        IReadOnlyDictionary<string, string> BadIdsByFault);

    public static Corpus Write(string directory, int goodClips, double seconds = 1.0)
    {
        Directory.CreateDirectory(directory);
        var good = MtatFixture.Corpus(Vocabulary, goodClips, seconds);
        var bad = new Dictionary<string, string>
        {
            ["empty"] = "1/zero_bytes-a-01-empty-0-29.mp3",
            ["truncated"] = "2/cut_short-a-01-truncated-0-29.mp3",
            ["garbage"] = "3/random_bytes-a-01-garbage-0-29.mp3",
            ["wav-header-lies"] = "4/wav_header-a-01-lies-0-29.mp3",
            ["directory"] = "5/a_folder-a-01-not_a_file-0-29.mp3",
            ["missing"] = "6/not_there-a-01-missing-0-29.mp3",
            ["symlink-loop"] = "7/loop-a-01-symlink-0-29.mp3",
            ["non-utf8-name"] = "8/bad_bytes-a-01-\uFFFD\uFFFD-0-29.mp3",
            ["name-too-long"] = $"9/{new string('x', 300)}-0-29.mp3",
        };
        var ids = bad.Keys.Select((fault, i) => (fault, id: $"{9_000 + i}")).ToDictionary(f => f.fault, f => f.id);
        var rows = good.Concat(bad.Select((b, i) => new FixtureClip(ids[b.Key], b.Value, [Vocabulary[i % Vocabulary.Length]], FixtureAudio.Missing))).ToList();
        MtatFixture.Write(directory, Vocabulary, rows, seconds);

        string At(string relative)
        {
            var path = Path.Combine(directory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return path;
        }

        File.WriteAllBytes(At(bad["empty"]), []);
        var whole = AudioFixtures.MtatMp3(At("cut-source.mp3"), seconds: 3);
        var bytes = File.ReadAllBytes(whole);
        var cut = new Random(5).Next(bytes.Length / 4, bytes.Length * 3 / 4);
        if (cut % 144 == 0) cut++; // a cut exactly between two frames would be a shorter but whole stream
        File.WriteAllBytes(At(bad["truncated"]), bytes[..cut]);
        File.Delete(whole);
        var noise = new byte[30_000];
        new Random(9).NextBytes(noise);
        File.WriteAllBytes(At(bad["garbage"]), noise);
        WavWriter.Write(At(bad["wav-header-lies"]), Signal.Sine(440, 16_000, 16_000), 16_000, 1, declaredDataBytes: 16_000 * 2 * 4);
        Directory.CreateDirectory(At(bad["directory"]));
        var loop = At(bad["symlink-loop"]);
        File.CreateSymbolicLink(loop, loop);

        // The annotations hold the raw bytes 0xFF 0xFE where the file name has them; .NET reads both as U+FFFD, so the
        // file cannot be opened through that name: it must be reported, not crash anything.
        Tools.Run("bash", "-c", "cp \"$0\" \"$1\"$'\\xff\\xfe'\"$2\"",
            Path.Combine(directory, good[0].Path), Path.Combine(directory, "8/bad_bytes-a-01-"), "-0-29.mp3");
        var annotations = Path.Combine(directory, "annotations_final.csv");
        var text = File.ReadAllBytes(annotations);
        File.WriteAllBytes(annotations, ReplaceUtf8(text, "\uFFFD\uFFFD", [0xFF, 0xFE]));
        return new Corpus(good, bad, ids);
    }

    private static byte[] ReplaceUtf8(byte[] text, string find, byte[] replacement)
    {
        var pattern = Encoding.UTF8.GetBytes(find);
        var result = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (i + pattern.Length <= text.Length && text.AsSpan(i, pattern.Length).SequenceEqual(pattern))
            {
                result.AddRange(replacement);
                i += pattern.Length - 1;
            }
            else
            {
                result.Add(text[i]);
            }
        }
        return [.. result];
    }
}
