using Pipeline.Streams.Audio;
using Pipeline.Streams.Audio.Pcm;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.RealShaped;

namespace Pipeline.Tests.Audio;

/// <summary>
/// Files shaped like the real datasets' (see <see cref="RealShapedAudio"/>) decode to the sample count an independent
/// decoder gives (mpg123, gapless, for MP3; soxi for the rest), with either MP3 decoder, and the two MP3 decoders give
/// the same samples.
/// </summary>
public sealed class RealShapedDecodingTests(RealShapedDecodingTests.Files files) : IClassFixture<RealShapedDecodingTests.Files>
{
    public sealed class Files : IDisposable
    {
        private readonly TempDirectory _dir = new("real-shaped-decoding");
        private readonly Dictionary<string, Lazy<RealShapedFile>> _files;

        public Files()
        {
            var d = _dir.Path;
            _files = new Dictionary<string, Func<RealShapedFile>>
            {
                ["mtat"] = () => RealShapedAudio.MtatExcerpt(d),
                ["mtat-frame-cut"] = () => RealShapedAudio.MtatExcerpt(d, cut: MtatCut.FrameCut),
                ["msd-22khz"] = () => RealShapedAudio.MsdPreview(d),
                ["msd-44khz"] = () => RealShapedAudio.MsdPreview(d, MsdPreviewShape.Mpeg1At44kHz),
                ["fma-ape"] = () => RealShapedAudio.FmaTrack(d, FmaTrailer.Ape),
                ["fma-appended-id3v2"] = () => RealShapedAudio.FmaTrack(d, FmaTrailer.ApeAndAppendedId3v2),
                ["fma-lyrics3"] = () => RealShapedAudio.FmaTrack(d, FmaTrailer.ApeAndLyrics3v2),
                ["mpeg25-8khz"] = () => RealShapedAudio.Mpeg25(d, 8_000),
                ["mpeg25-11khz"] = () => RealShapedAudio.Mpeg25(d, 11_025),
                ["mpeg1-48khz-vbr"] = () => RealShapedAudio.Mpeg1VbrAt48kHz(d),
                ["free-format"] = () => RealShapedAudio.FreeFormat(d),
                ["partial-last-frame"] = () => RealShapedAudio.TruncatedInLastFrame(d),
                ["junk-between-frames"] = () => RealShapedAudio.JunkBetweenFrames(d),
            }.ToDictionary(e => e.Key, e => new Lazy<RealShapedFile>(e.Value));
            foreach (var shape in Enum.GetValues<PcmShape>())
            {
                var channels = shape == PcmShape.WavExtensibleMultichannel ? 3 : 2;
                _files[shape.ToString()] = new Lazy<RealShapedFile>(() => RealShapedAudio.Pcm(d, shape, channels: channels));
            }
        }

        public RealShapedFile this[string name] => _files[name].Value;

        public void Dispose() => _dir.Dispose();
    }

    private static readonly string[] Mp3ShapeNames = ["mtat", "mtat-frame-cut", "msd-22khz", "msd-44khz", "fma-ape", "fma-appended-id3v2",
        "fma-lyrics3", "mpeg25-8khz", "mpeg25-11khz", "mpeg1-48khz-vbr", "free-format", "partial-last-frame", "junk-between-frames"];

    public static TheoryData<string> Mp3Shapes => new(Mp3ShapeNames);

    public static TheoryData<string, Mp3Decoder> Mp3ShapesByDecoder()
    {
        var data = new TheoryData<string, Mp3Decoder>();
        foreach (var shape in Mp3ShapeNames)
        {
            data.Add(shape, Mp3Decoder.LibSndFile);
            data.Add(shape, Mp3Decoder.NLayer);
        }
        return data;
    }

    public static TheoryData<string> PcmShapes => new(Enum.GetNames<PcmShape>());

    /// <summary>
    /// NLayer 3.0.1 decodes MPEG-2.5 at 8 kHz wrongly (short blocks off by up to 2x full scale against mpg123), so it
    /// refuses such streams instead (auto hands them to libsndfile).
    /// </summary>
    private static readonly HashSet<(string, Mp3Decoder)> Refused = [("mpeg25-8khz", Mp3Decoder.NLayer)];

    /// <summary>
    /// Where NLayer 3.0.1's layer III decodes a few frames differently from libmpg123: in these MPEG-1 VBR streams,
    /// frames at attacks (short blocks after the bit reservoir ran full), e.g. 4 of the FMA track's 1,149 frames, up
    /// to 0.25 of full scale, never more than 2% of the frames. Everywhere else the two agree within 1e-5.
    /// </summary>
    private static readonly HashSet<string> NLayerDiffersOnAFewFrames = ["fma-ape", "fma-appended-id3v2", "fma-lyrics3", "mpeg1-48khz-vbr"];

    [Theory]
    [MemberData(nameof(Mp3ShapesByDecoder))]
    public void Mp3_shapes_decode_to_the_sample_count_mpg123_gives(string shape, Mp3Decoder decoder)
    {
        var file = files[shape];
        if (Refused.Contains((shape, decoder)))
        {
            Assert.Equal(AudioReadFailure.Unsupported, Assert.Throws<AudioReadException>(() => Decoding.With(decoder).Read(file.Path)).Failure);
            return;
        }

        var audio = Decoding.With(decoder).Read(file.Path);

        Assert.Equal(file.SampleRate, audio.SampleRate);
        Assert.Equal(file.SamplesPerChannel, audio.Samples.Length);
    }

    [Theory]
    [MemberData(nameof(Mp3Shapes))]
    public void Both_mp3_decoders_give_the_same_samples(string shape)
    {
        var file = files[shape];
        if (Refused.Contains((shape, Mp3Decoder.NLayer)))
        {
            // Only libsndfile decodes this stream: NLayer refuses it rather than give other samples, and auto picks libsndfile.
            Assert.Equal(AudioReadFailure.Unsupported, Assert.Throws<AudioReadException>(() => Decoding.With(Mp3Decoder.NLayer).Read(file.Path)).Failure);
            Assert.Equal(file.SamplesPerChannel, Decoding.With(Mp3Decoder.Auto).Read(file.Path).Samples.Length);
            return;
        }

        var libsndfile = Decoding.With(Mp3Decoder.LibSndFile).Read(file.Path).Samples;
        var nlayer = Decoding.With(Mp3Decoder.NLayer).Read(file.Path).Samples;

        Assert.Equal(libsndfile.Length, nlayer.Length);
        const int frame = 1152;
        var differing = Enumerable.Range(0, (libsndfile.Length + frame - 1) / frame)
            .Count(f => Enumerable.Range(f * frame, Math.Min(frame, libsndfile.Length - f * frame)).Any(i => Math.Abs(libsndfile[i] - nlayer[i]) > 1e-5));
        var frames = (libsndfile.Length + frame - 1) / frame;
        if (NLayerDiffersOnAFewFrames.Contains(shape))
            Assert.InRange(differing, 1, Math.Max(1, frames / 50));
        else
            Assert.True(differing == 0, $"{shape}: the decoders differ in {differing} of {frames} frames");
    }

    [Theory]
    [MemberData(nameof(PcmShapes))]
    public void Wav_flac_and_ogg_shapes_decode_to_the_sample_count_soxi_gives(string shape)
    {
        var file = files[shape];

        var audio = Decoding.Reader.Read(file.Path);

        Assert.Equal(file.SampleRate, audio.SampleRate);
        Assert.Equal(file.SamplesPerChannel, audio.Samples.Length);
        Assert.Empty(audio.Warnings);
    }

    [Fact]
    public void The_mtat_clip_is_as_long_as_its_name_states_and_decodes_without_a_warning()
    {
        var file = files["mtat"];
        var stated = Pipeline.Streams.Datasets.Mtat.MtatClipName.StatedSeconds(file.Path);

        var audio = Decoding.Reader.Read(file.Path, new StatedLength(stated!.Value, "the clip name's range"));

        Assert.Equal(29, stated);
        Assert.Equal(465_984, audio.Samples.Length);
        Assert.Empty(audio.Warnings);
    }

    [Theory]
    [InlineData("partial-last-frame", "the file ends inside an MPEG frame")]
    [InlineData("junk-between-frames", "bytes between MPEG frames that are not frames")]
    public void Odd_but_usable_mp3s_decode_with_a_warning_that_says_why(string shape, string warning)
    {
        var audio = Decoding.Reader.Read(files[shape].Path);

        Assert.Contains(audio.Warnings, w => w.Contains(warning));
    }
}
