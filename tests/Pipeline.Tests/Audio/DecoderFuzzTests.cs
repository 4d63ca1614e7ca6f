using Pipeline.Streams.Audio;
using Pipeline.Streams.Audio.Pcm;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Audio;

/// <summary>
/// Mutated MP3s (cut at random bytes, bytes flipped, spans overwritten with noise, spans inserted or dropped) through
/// both decoders: every file either decodes or fails with a typed <see cref="AudioReadException"/>, never with any
/// other exception, and never hangs. Seeded, so a failure names a mutation that reproduces.
/// </summary>
public sealed class DecoderFuzzTests : IDisposable
{
    private const int MutationsPerSource = 60;
    private static readonly TimeSpan PerFileLimit = TimeSpan.FromSeconds(20);

    private readonly TempDirectory _dir = new("decoder-fuzz");

    public void Dispose() => _dir.Dispose();

    public static TheoryData<Mp3Decoder> Decoders => new() { Mp3Decoder.LibSndFile, Mp3Decoder.NLayer };

    [Theory]
    [MemberData(nameof(Decoders))]
    public void Mutated_mp3s_decode_or_fail_with_a_typed_error_and_never_hang(Mp3Decoder decoder)
    {
        var reader = Decoding.With(decoder);
        var sources = Sources();
        var outcomes = new Dictionary<string, int>();
        var random = new Random(20261201);
        foreach (var (name, bytes) in sources)
        {
            for (var i = 0; i < MutationsPerSource; i++)
            {
                var (kind, mutated) = Mutate(bytes, random);
                var path = _dir.File($"{name}-{i}-{kind}.mp3");
                File.WriteAllBytes(path, mutated);
                var decode = Task.Run(() => reader.Read(path));
                Assert.True(Task.WhenAny(decode, Task.Delay(PerFileLimit)).Result == decode, $"{decoder} hung on {path}");
                var outcome = decode.Exception?.InnerException switch
                {
                    null => "decoded",
                    AudioReadException e => e.Failure.ToString(),
                    var other => throw new Xunit.Sdk.XunitException($"{decoder} threw {other.GetType().Name} on {path}: {other}"),
                };
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                File.Delete(path);
            }
        }
        // The mutations must exercise both ends: files that still decode and files that are rejected.
        Assert.True(outcomes.GetValueOrDefault("decoded") > 0, string.Join(", ", outcomes));
        Assert.True(outcomes.Where(o => o.Key != "decoded").Sum(o => o.Value) > 0, string.Join(", ", outcomes));
    }

    private List<(string Name, byte[] Bytes)> Sources()
    {
        var mono = AudioFixtures.MtatMp3(_dir.File("mtat.mp3"), seconds: 3);
        var wav = AudioFixtures.SineWav(_dir.File("stereo.wav"), 330, 44_100, 2, channels: 2);
        var stereo = _dir.File("stereo.mp3");
        Tools.Run("lame", "--quiet", "-V", "4", wav, stereo);
        return [("mtat", File.ReadAllBytes(mono)), ("vbr-stereo", File.ReadAllBytes(stereo))];
    }

    private static (string Kind, byte[] Bytes) Mutate(byte[] source, Random random)
    {
        var bytes = source.ToList();
        var at = random.Next(bytes.Count);
        var span = Math.Min(bytes.Count - at, random.Next(1, 400));
        switch (random.Next(5))
        {
            case 0:
                return ("cut", source[..Math.Max(1, at)]);
            case 1:
                for (var i = 0; i < random.Next(1, 20); i++)
                    bytes[random.Next(bytes.Count)] ^= (byte)(1 << random.Next(8));
                return ("flipped", [.. bytes]);
            case 2:
                for (var i = at; i < at + span; i++)
                    bytes[i] = (byte)random.Next(256);
                return ("noise", [.. bytes]);
            case 3:
                var inserted = new byte[span];
                random.NextBytes(inserted);
                bytes.InsertRange(at, inserted);
                return ("inserted", [.. bytes]);
            default:
                bytes.RemoveRange(at, span);
                return ("dropped", [.. bytes]);
        }
    }
}
