using Pipeline.Streams.Audio;
using Pipeline.Streams.Audio.Pcm;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Audio;

/// <summary>
/// pipeline.audio.mp3-decoder: auto prefers libsndfile and falls back to NLayer when libsndfile cannot be loaded, so a
/// machine without it (or without root to install it) still reads MP3 datasets; other formats need libsndfile.
/// </summary>
public sealed class DecoderChoiceTests : IDisposable
{
    private const string NoSuchLibrary = "/nonexistent/libsndfile.so.1";

    private readonly TempDirectory _dir = new("decoder-choice");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Auto_reads_mp3s_with_nlayer_when_libsndfile_cannot_be_loaded()
    {
        var mp3 = AudioFixtures.MtatMp3(_dir.File("clip.mp3"), seconds: 2);
        var without = Decoding.Settings with { LibSndFile = NoSuchLibrary };

        using var stream = without.CreateReader().Open(mp3);
        var audio = stream.ReadToEnd();

        Assert.Equal("nlayer", stream.Decoder);
        Assert.Equal(Decoding.Reader.Read(mp3).Samples.Length, audio.Samples.Length);
    }

    [Fact]
    public void Auto_reads_mp3s_with_libsndfile_where_it_loads()
    {
        var mp3 = AudioFixtures.MtatMp3(_dir.File("clip.mp3"), seconds: 2);

        using var stream = Decoding.With(Mp3Decoder.Auto).Open(mp3);

        Assert.Equal("libsndfile", stream.Decoder);
    }

    [Fact]
    public void Without_libsndfile_a_wav_fails_as_decoder_unavailable_naming_the_library()
    {
        var wav = AudioFixtures.SineWav(_dir.File("tone.wav"), 440, 16_000, 1);
        var reader = (Decoding.Settings with { LibSndFile = NoSuchLibrary }).CreateReader();

        var error = Assert.Throws<AudioReadException>(() => reader.Read(wav));

        Assert.Equal(AudioReadFailure.DecoderUnavailable, error.Failure);
        Assert.Contains(NoSuchLibrary, error.Message);
        Assert.Contains("only MP3 files can be read", error.Message);
    }

    [Fact]
    public void Libsndfile_chosen_explicitly_but_missing_fails_mp3s_as_decoder_unavailable()
    {
        var mp3 = AudioFixtures.MtatMp3(_dir.File("clip.mp3"), seconds: 1);
        var reader = (Decoding.Settings with { LibSndFile = NoSuchLibrary, Mp3Decoder = Mp3Decoder.LibSndFile }).CreateReader();

        var error = Assert.Throws<AudioReadException>(() => reader.Read(mp3));

        Assert.Equal(AudioReadFailure.DecoderUnavailable, error.Failure);
        Assert.Contains("auto or nlayer would use NLayer", error.Message);
    }

    [Fact]
    public void The_file_extension_does_not_decide_the_decoder()
    {
        var mp3 = AudioFixtures.MtatMp3(_dir.File("clip.mp3"), seconds: 1);
        var misnamed = _dir.File("clip.wav");
        File.Copy(mp3, misnamed);

        Assert.Equal(Decoding.Reader.Read(mp3).Samples, Decoding.Reader.Read(misnamed).Samples);
    }
}
