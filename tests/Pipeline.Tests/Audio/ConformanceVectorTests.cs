using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Conformance;

namespace Pipeline.Tests.Audio;

/// <summary>
/// The ISO Layer III conformance streams are in the test output, the loader's frame bookkeeping matches each reference
/// decode, and mpg123 reproduces the references: proof that the references and the loader are what they claim.
/// </summary>
public sealed class ConformanceVectorTests
{
    public static TheoryData<string> Streams => new(ConformanceVectors.All.Select(s => s.Name));

    [Fact]
    public void Twelve_streams_with_their_references_readme_and_licence_are_in_the_test_output()
    {
        Assert.Equal(12, ConformanceVectors.All.Count);
        Assert.All(ConformanceVectors.All, s =>
        {
            Assert.True(File.Exists(Path.Combine(ConformanceVectors.Folder, s.Name + ".bit")), s.Name + ".bit");
            Assert.True(File.Exists(Path.Combine(ConformanceVectors.Folder, s.Name + ".pcm.gz")), s.Name + ".pcm.gz");
        });
        Assert.Contains("CC0", File.ReadAllText(Path.Combine(ConformanceVectors.Folder, "LICENSE")));
        Assert.True(File.Exists(Path.Combine(ConformanceVectors.Folder, "README.md")));
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void Reference_covers_every_complete_frame_but_the_last_where_the_reference_omits_it(string name)
    {
        var stream = ConformanceVectors.Named(name);

        var reference = ConformanceVectors.ReadReference(stream);

        Assert.Equal(reference.Layout.Frames - (stream.ReferenceOmitsLastFrame ? 1 : 0), reference.Frames);
    }

    [Fact]
    public void Only_l3_compl_ends_inside_a_frame_and_only_l3_he_mode_changes_channel_count()
    {
        var layouts = ConformanceVectors.All.ToDictionary(s => s.Name, ConformanceVectors.Layout);

        Assert.Equal(["l3-compl"], layouts.Where(l => l.Value.EndsInPartialFrame).Select(l => l.Key));
        Assert.Equal(["l3-he_mode"], layouts.Where(l => l.Value.Channels is null).Select(l => l.Key));
        Assert.Equal((48_000, 1, 216), (layouts["l3-compl"].SampleRate, layouts["l3-compl"].Channels, layouts["l3-compl"].Frames));
        Assert.Equal((22_050, 2, 576), (layouts["M2L3_noise"].SampleRate, layouts["M2L3_noise"].Channels, layouts["M2L3_noise"].SamplesPerFrame));
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void Mpg123_decodes_every_complete_frame_and_matches_the_reference_within_one_lsb(string name)
    {
        var stream = ConformanceVectors.Named(name);
        var reference = ConformanceVectors.ReadReference(stream);
        var layout = reference.Layout;
        var raw = Tools.RunBinary("mpg123", "--no-gapless", "-q", "-e", "s16", "-s", Path.Combine(ConformanceVectors.Folder, name + ".bit"));
        var decoded = new short[raw.Length / 2];
        Buffer.BlockCopy(raw, 0, decoded, 0, raw.Length);

        Assert.Equal(layout.ValuesIn(layout.Frames), decoded.Length);
        var skipped = 0;
        for (var frame = 0; frame < reference.Frames; frame++)
        {
            var offset = (int)layout.ValuesIn(frame);
            var expected = reference.Frame(frame);
            var actual = decoded.AsSpan(offset, expected.Length);
            // mpg123 restarts its synthesis when the channel count changes, so the first granule after a change lacks
            // the previous frame's overlap; the reference decoder keeps it.
            var from = frame > 0 && layout.FrameChannels[frame] != layout.FrameChannels[frame - 1] ? 576 * layout.FrameChannels[frame] : 0;
            skipped += from > 0 ? 1 : 0;
            for (var i = from; i < expected.Length; i++)
            {
                if (Math.Abs(expected[i] - actual[i]) > 1)
                    Assert.Fail($"{name}: frame {frame}, value {i}: mpg123 {actual[i]}, reference {expected[i]}");
            }
        }
        Assert.Equal(name == "l3-he_mode" ? 2 : 0, skipped);
    }
}
