using Pipeline.Streams.Audio;
using Pipeline.Streams.Audio.Mpeg;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Audio;

public sealed class AudioFileReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new("audio-reader");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Mtat_mp3_decodes_to_the_sample_count_mpg123_reports()
    {
        var mp3 = AudioFixtures.MtatMp3(_dir.File("clip.mp3"), seconds: 29.1);
        var mpg123Samples = Tools.RunBinary("mpg123", "-q", "-s", mp3).Length / 2;

        var audio = Decoding.Reader.Read(mp3);

        Assert.Equal(16_000, audio.SampleRate);
        Assert.InRange(audio.Samples.Length, mpg123Samples - 1152, mpg123Samples + 1152);
        Assert.InRange(audio.Duration.TotalSeconds, 29.0, 29.3);
        Assert.InRange(Signal.DominantFrequency(audio.Samples.AsSpan(16_000, 16_000), 16_000, 400, 480, 1), 439, 441);
    }

    [Fact]
    public void Stereo_is_averaged_to_mono()
    {
        var frames = 4_000;
        var interleaved = new float[frames * 2];
        for (var i = 0; i < frames; i++)
        {
            interleaved[2 * i] = 0.5f;
            interleaved[2 * i + 1] = -0.25f;
        }
        var path = _dir.File("stereo.wav");
        WavWriter.Write(path, interleaved, 44_100, channels: 2);

        var audio = Decoding.Reader.Read(path);

        Assert.Equal(44_100, audio.SampleRate);
        Assert.Equal(frames, audio.Samples.Length);
        Assert.All(audio.Samples, s => Assert.Equal(0.125f, s, 0.001f));
    }

    [Fact]
    public void A_zero_byte_file_gives_the_empty_file_error()
    {
        var path = _dir.File("empty.mp3");
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<AudioReadException>(() => Decoding.Reader.Read(path));

        Assert.Equal(AudioReadFailure.Empty, error.Failure);
        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_missing_file_gives_the_missing_error()
    {
        var path = _dir.File("nowhere/clip.mp3");

        var error = Assert.Throws<AudioReadException>(() => Decoding.Reader.Read(path));

        Assert.Equal(AudioReadFailure.Missing, error.Failure);
    }

    [Fact]
    public void A_directory_gives_the_unreadable_error()
    {
        var path = _dir.File("folder.mp3");
        Directory.CreateDirectory(path);

        var error = Assert.Throws<AudioReadException>(() => Decoding.Reader.Read(path));

        Assert.Equal(AudioReadFailure.Unreadable, error.Failure);
    }

    [Fact]
    public void Random_bytes_named_mp3_give_the_not_audio_error()
    {
        var path = _dir.File("garbage.mp3");
        var bytes = new byte[50_000];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<AudioReadException>(() => Decoding.Reader.Read(path));

        Assert.Equal(AudioReadFailure.NotAudio, error.Failure);
    }

    [Fact]
    public void A_wav_whose_header_claims_more_data_than_present_gives_the_truncated_error()
    {
        var path = _dir.File("short.wav");
        var samples = Signal.Sine(440, 16_000, 16_000);
        WavWriter.Write(path, samples, 16_000, channels: 1, declaredDataBytes: samples.Length * 2 * 3);

        var error = Assert.Throws<AudioReadException>(() => Decoding.Reader.Read(path));

        Assert.Equal(AudioReadFailure.Truncated, error.Failure);
    }

    [Fact]
    public void An_mtat_clip_cut_in_half_is_truncated_by_the_length_its_dataset_states()
    {
        var cut = CutInHalf(AudioFixtures.MtatMp3(_dir.File("whole.mp3"), seconds: 10));

        var error = Assert.Throws<AudioReadException>(() => Decoding.Reader.Read(cut, new StatedLength(10, "the clip name's range")));

        Assert.Equal(AudioReadFailure.Truncated, error.Failure);
        Assert.Contains("cut.mp3", error.Message);
        Assert.Contains("the clip name's range states 10 s", error.Message);
    }

    [Fact]
    public void An_mp3_cut_in_half_with_nothing_stating_its_length_decodes_its_whole_frames_with_a_warning()
    {
        // lame writes no Info frame into 144-byte frames (it does not fit), so nothing in the file states its length.
        var cut = CutInHalf(AudioFixtures.MtatMp3(_dir.File("whole.mp3"), seconds: 10));

        var audio = Decoding.Reader.Read(cut);

        var wholeFrames = (new FileInfo(cut).Length - 37) / 144;
        Assert.Equal(wholeFrames * 576, audio.Samples.Length);
        Assert.Contains(audio.Warnings, w => w.Contains("ends inside an MPEG frame (37 of 144 bytes)"));
    }

    [Fact]
    public void An_mp3_whose_info_header_counts_more_frames_than_the_file_holds_is_truncated()
    {
        var wav = AudioFixtures.SineWav(_dir.File("stereo.wav"), 440, 44_100, 5, channels: 2);
        var mp3 = _dir.File("whole.mp3");
        Tools.Run("lame", "--quiet", "-b", "128", wav, mp3);
        var cut = CutInHalf(mp3);

        var error = Assert.Throws<AudioReadException>(() => Decoding.Reader.Read(cut));

        Assert.Equal(AudioReadFailure.Truncated, error.Failure);
        Assert.Matches(@"its Info header declares \d+ frames, but the file holds \d+ whole frames and 37 bytes of the next", error.Detail);
    }

    /// <summary>The first half of the file and 37 bytes more: not on a frame boundary, as a random cut almost never is.</summary>
    private string CutInHalf(string mp3)
    {
        var bytes = File.ReadAllBytes(mp3);
        var cut = _dir.File("cut.mp3");
        var at = bytes.Length / 2;
        // Start the extra bytes at a frame start, so the file ends exactly 37 bytes into a frame.
        while (MpegFrameHeader.TryParse(bytes.AsSpan(at)) is null)
            at--;
        File.WriteAllBytes(cut, bytes[..(at + 37)]);
        return cut;
    }

    [Fact]
    public void Files_failing_to_open_on_one_thread_never_disturb_decoding_on_others()
    {
        // libsndfile 1.2.0 closes the descriptor of a failed sf_open_fd even when asked not to; if we handed it one,
        // the second close would hit a file another thread had just opened under the same number.
        var good = Enumerable.Range(0, 4).Select(i => AudioFixtures.MtatMp3(_dir.File($"good-{i}.mp3"), seconds: 1.0)).ToList();
        var garbage = _dir.File("garbage.mp3");
        var bytes = new byte[20_000];
        new Random(11).NextBytes(bytes);
        File.WriteAllBytes(garbage, bytes);
        var stop = 0;
        var bad = new Thread(() =>
        {
            while (Volatile.Read(ref stop) == 0)
                Assert.Throws<AudioReadException>(() => Decoding.Reader.Read(garbage));
        });
        bad.Start();

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 2, _ =>
        {
            for (var round = 0; round < 60; round++)
            {
                foreach (var file in good)
                {
                    try { Decoding.Reader.Read(file); }
                    catch (AudioReadException e) { failures.Add(e.Message); }
                }
            }
        });
        Volatile.Write(ref stop, 1);
        bad.Join();

        Assert.Empty(failures);
    }
}
