using Pipeline.Host.Cli;
using Pipeline.Synth;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Datasets.Mtat;
using Pipeline.Streams.Extraction;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Mp3;
using Pipeline.Tests.Support.Tags;

namespace Pipeline.Tests.Synth;

[Collection(GlobalLoggerCollection.Name)]
public sealed class SynthCommandTests : IDisposable
{
    private const int Clips = 6;
    private const int Seed = 3;
    private readonly TempDirectory _dir = new("synth");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_small_run_makes_an_mtat_folder_that_the_mtat_reader_reads()
    {
        var corpus = _dir.File("corpus");

        var (code, output, error) = CliRunner.Run("synth", "--out", corpus, "--clips", $"{Clips}", "--seed", $"{Seed}");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains($"{Clips + 3} clips", output);
        var lines = File.ReadAllText(Path.Combine(corpus, "annotations_final.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Clips + 3 + 1, lines.Length);

        var rows = lines.Select(line => line.Split('\t')).ToList();
        Assert.All(rows, fields => Assert.All(fields, f => Assert.Matches("^\"[^\"]*\"$", f)));
        var header = rows[0].Select(Unquote).ToList();
        Assert.Equal(["clip_id", .. MtatVocabulary.Tags, "mp3_path"], header);
        Assert.Equal(188, MtatVocabulary.Tags.Length);
        Assert.Equal(190, header.Count);

        var ids = rows.Skip(1).Select(r => int.Parse(Unquote(r[0]))).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var empty = 0;
        foreach (var row in rows.Skip(1))
        {
            Assert.All(row[1..^1].Select(Unquote), v => Assert.Contains(v, new[] { "0", "1" }));
            Assert.InRange(row[1..^1].Count(v => Unquote(v) == "1"), 1, 8);
            var path = Unquote(row[^1]);
            Assert.Matches(@"^[0-9a-f]/[^/-]+-[^/-]+-\d\d-[^/-]+-\d+-\d+\.mp3$", path);
            var file = Path.Combine(corpus, path);
            Assert.True(File.Exists(file), $"{path} exists");
            if (new FileInfo(file).Length == 0)
            {
                empty++;
                continue;
            }
            var audio = Decoding.Reader.Read(file);
            Assert.Equal(MtatClipFormat.SampleRate, audio.SampleRate);
            Assert.Equal(465_984, audio.Samples.Length); // the real clips' 809 frames
            Assert.Empty(audio.Warnings);
            Assert.Equal((MpegVersion: 2, Layer: 3, Kbps: 32, Rate: 16_000, Mono: true), MpegHeader(file));
            AssertShapedLikeARealMtatClip(file);
            Assert.True(Signal.Rms(audio.Samples) > 0.005, $"{path} has sound");
        }
        Assert.Equal(3, empty);
        Assert.Empty(Directory.EnumerateFiles(corpus, "*.partial", SearchOption.AllDirectories));

        var dataset = new MtatReader(TestSettings.Defaults.Dataset.Mtat).Read(corpus);
        Assert.Equal(Clips + 3, dataset.Clips.Count);
        Assert.All(dataset.Clips, c => Assert.NotNull(c.PublishedSplit));
        Assert.All(dataset.Clips, c => Assert.NotEmpty(c.Tags));

        // The extract command reads the corpus like the real MTAT and reports its 0-byte files.
        var data = _dir.File("data");
        var extract = CliRunner.Run("extract", "--dataset", "mtat", "--source", corpus, "--out", data, "--audio",
            "-D", "pipeline.dataset.mtat.split=random");
        Assert.True(extract.Code == ExitCodes.Success, extract.Error);
        var summary = ExtractionSummary.Read(Path.Combine(data, ArchiveFiles.Summary));
        Assert.Equal(Clips, summary.ClipsOk);
        Assert.Equal(3, summary.ClipsFailed);
        var failed = File.ReadAllLines(Path.Combine(data, ArchiveFiles.Failed)).Skip(1).ToList();
        Assert.Equal(3, failed.Count);
        Assert.All(failed, line => Assert.Contains("\tempty file (0 bytes)", line));
    }

    [Fact]
    public void The_same_seed_gives_the_same_annotations_and_a_rerun_skips_finished_clips()
    {
        var corpus = _dir.File("corpus");
        Assert.Equal(ExitCodes.Success, CliRunner.Run("synth", "--out", corpus, "--clips", "2", "--seed", "11").Code);
        var annotations = File.ReadAllBytes(Path.Combine(corpus, "annotations_final.csv"));
        var mp3s = Directory.EnumerateFiles(corpus, "*.mp3", SearchOption.AllDirectories).Order().ToList();
        var written = mp3s.Select(File.GetLastWriteTimeUtc).ToList();
        var leftOverByAKilledRun = Path.Combine(corpus, "0", ".99" + ClipRenderer.PartialSuffix);
        File.WriteAllBytes(leftOverByAKilledRun, [1, 2, 3]);

        var (code, output, _) = CliRunner.Run("synth", "--out", corpus, "--clips", "2", "--seed", "11");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("0 rendered, 2 already there", output);
        Assert.Equal(annotations, File.ReadAllBytes(Path.Combine(corpus, "annotations_final.csv")));
        Assert.Equal(written, mp3s.Select(File.GetLastWriteTimeUtc).ToList());
        Assert.False(File.Exists(leftOverByAKilledRun));
        Assert.Equal(annotations, System.Text.Encoding.UTF8.GetBytes(AnnotationsWriter.Render(CorpusPlanner.Plan(2, 11))));
        Assert.NotEqual(AnnotationsWriter.Render(CorpusPlanner.Plan(2, 11)), AnnotationsWriter.Render(CorpusPlanner.Plan(2, 12)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-4")]
    public void A_clip_count_below_one_is_a_usage_error(string clips)
    {
        var (code, _, error) = CliRunner.Run("synth", "--out", _dir.File("corpus"), "--clips", clips);

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains("--clips", error);
    }

    [Fact]
    public void A_missing_soundfont_is_named_with_the_package_that_installs_it()
    {
        var (code, _, error) = CliRunner.Run("synth", "--out", _dir.File("corpus"), "--clips", "1",
            "-D", $"pipeline.synth.soundfont={_dir.File("absent.sf2")}");

        Assert.Equal(ExitCodes.RuntimeFailure, code);
        Assert.Contains("absent.sf2", error);
        Assert.Contains("fluid-soundfont-gm", error);
    }

    [Fact]
    public void A_failure_prints_one_error_line_and_leaves_the_stack_trace_to_the_log_file()
    {
        var corpus = _dir.File("corpus");

        var (code, _, error) = PipelineProcess.Run(["synth", "--out", corpus, "--clips", "1",
            "-D", $"pipeline.synth.soundfont={_dir.File("absent.sf2")}"], TimeSpan.FromMinutes(2));

        Assert.Equal(ExitCodes.RuntimeFailure, code);
        Assert.Contains("error: ", error);
        Assert.Contains("absent.sf2", error);
        Assert.DoesNotContain(error.Split('\n'), line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        var log = Assert.Single(Directory.GetFiles(Path.Combine(corpus, "logs"), "synth-*.log"));
        Assert.Contains($"(the stack trace is in {log})", error);
        var logged = File.ReadAllText(log);
        Assert.Contains("failed: ", logged);
        Assert.Contains(logged.Split('\n'), line => line.TrimStart().StartsWith("at Pipeline.", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_programs_are_named_with_the_packages_that_install_them()
    {
        var settings = new SynthSettings("/usr/share/sounds/sf2/FluidR3_GM.sf2", 0, 0.3);

        var problem = Assert.Throws<SynthException>(() => SynthToolchain.Check(settings, searchPath: _dir.Path));

        Assert.Contains("fluidsynth, sox, lame", problem.Message);
        Assert.Contains("install the Debian packages fluidsynth fluid-soundfont-gm sox lame", problem.Message);
    }

    private static string Unquote(string field) => field[1..^1];

    /// <summary>The first MPEG audio frame header: version (2 = MPEG-2), layer, bit rate, sample rate and mono.</summary>
    /// <summary>The first audio frame's header, read after the leading tag (whose text may hold sync-like bytes).</summary>
    private static (int MpegVersion, int Layer, int Kbps, int Rate, bool Mono) MpegHeader(string file)
    {
        var bytes = File.ReadAllBytes(file);
        Assert.True(Support.Mp3.MpegFrameHeader.TryParse(bytes.AsSpan((int)TagLayoutReader.Read(bytes).AudioStart), out var h));
        return (h.Version == MpegVersion.Mpeg1 ? 1 : h.Version == MpegVersion.Mpeg2 ? 2 : 0, h.Layer, h.BitrateKbps, h.SampleRate, h.Mode == ChannelMode.Mono);
    }

    /// <summary>What a real MTAT clip's bytes show (see MtatClipFormat): lame's ID3v2.3 tag with its six frames, frames
    /// marked "not original" straight after it, no Info frame, an ID3v1 tag at the end.</summary>
    private static void AssertShapedLikeARealMtatClip(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var layout = TagLayoutReader.Read(bytes);
        Assert.Equal(3, layout.Leading!.Version);
        Assert.Equal(["TSSE", "TIT2", "TPE1", "TALB", "COMM", "TLEN"], layout.Leading.Frames.Select(f => f.Id));
        Assert.Equal([TagKind.Id3v1], layout.Trailing.Select(t => t.Kind));
        Assert.Equal(0xC0, bytes[layout.AudioStart + 3]);
        var frames = Mp3FrameScanner.Frames(bytes, layout.AudioStart, layout.AudioEnd);
        Assert.Null(Mp3InfoFrame.Read(bytes, frames[0]));
        Assert.Equal(809, frames.Count);
    }
}
