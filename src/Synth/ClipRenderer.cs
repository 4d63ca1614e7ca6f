using System.Diagnostics;
using System.Globalization;
using Pipeline.Streams.Audio;

namespace Pipeline.Synth;

/// <summary>How long one clip spent in fluidsynth and in sox + lame.</summary>
public sealed record RenderTiming(TimeSpan Synthesis, TimeSpan Encoding);

/// <summary>
/// Turns one planned clip into an MTAT clip: composes its MIDI file, renders it with fluidsynth straight at 16 kHz,
/// measures its level and lets sox mix it to mono, cut or pad it to exactly the clip's length and scale it to its
/// loudness band (with a limiter, so loud clips do not clip), and lets lame encode and tag it like a real MTAT clip
/// (<see cref="MtatClipFormat"/>). The MP3 is written
/// under a temporary name in its folder and renamed into place, so an interrupted run never leaves half a clip.
/// </summary>
public sealed class ClipRenderer
{
    /// <summary>Pieces run a little past the clip so the cut at its end falls inside the music, never in a fade-out.</summary>
    public static readonly TimeSpan PieceLength = MtatClipFormat.Length + TimeSpan.FromSeconds(1);

    /// <summary>The ending of an MP3's temporary name while lame writes it.</summary>
    public const string PartialSuffix = ".mp3.partial";

    private readonly SynthSettings _settings;
    private readonly AudioFileReader _reader;
    private readonly string _workDirectory;
    private readonly string _interpolationCommands;

    public ClipRenderer(SynthSettings settings, AudioFileReader reader, string workDirectory)
    {
        _settings = settings;
        _reader = reader;
        _workDirectory = workDirectory;
        // fluidsynth sets interpolation only by a shell command, so every run reads one from this file at start-up.
        _interpolationCommands = Path.Combine(workDirectory, "linear-interpolation.fluidsynth");
        File.WriteAllText(_interpolationCommands, "interp 1\n");
    }

    public async Task<RenderTiming> RenderAsync(PlannedClip clip, string mp3File, CancellationToken cancellation)
    {
        var stem = Path.Combine(_workDirectory, clip.ClipId.ToString(CultureInfo.InvariantCulture));
        var midi = stem + ".mid";
        var synthesized = stem + ".synth.wav";
        var trimmed = stem + ".clip.wav";
        var partial = Path.Combine(Path.GetDirectoryName(mp3File)!, $".{clip.ClipId}{PartialSuffix}");
        try
        {
            await File.WriteAllBytesAsync(midi, MidiFile.Write(Composer.Compose(clip.Recipe, clip.Seed, PieceLength)), cancellation);
            var watch = Stopwatch.StartNew();
            await SynthesizeAsync(midi, synthesized, cancellation);
            var synthesis = watch.Elapsed;

            watch.Restart();
            var gain = clip.Recipe.Level.TargetRmsDecibels() - RmsDecibels(synthesized);
            var seconds = MtatClipFormat.Length.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            // -R: repeatable output; -D: no dither, so the same MIDI file always gives the same samples.
            await ExternalTool.RunAsync(SynthToolchain.Sox,
            [
                "-R", "-D", "-q", synthesized, "-b", "16", trimmed,
                "channels", "1", "pad", "0", seconds, "trim", "0", seconds,
                "gain", "-l", gain.ToString("0.00", CultureInfo.InvariantCulture),
            ], cancellation);
            await ExternalTool.RunAsync(SynthToolchain.Lame, ["--quiet", .. MtatClipFormat.LameArguments(clip.RelativePath), trimmed, partial], cancellation);
            File.Move(partial, mp3File, overwrite: true);
            return new RenderTiming(synthesis, watch.Elapsed);
        }
        finally
        {
            foreach (var file in new[] { midi, synthesized, trimmed, partial })
                File.Delete(file);
        }
    }

    /// <summary>
    /// Renders a MIDI file to a 32-bit float stereo WAV at 16 kHz. Reverb and chorus are off: they smear onsets and
    /// add nothing a tag depends on. Speed matters more than the last decibel of fidelity here, and these measured
    /// on the corpus: samples loaded on demand (a run never reads the whole 140 MB soundfont; 0.2 s less per clip),
    /// linear instead of 4th-order interpolation and at most 48 voices (stealing only fading release tails) together
    /// halve fluidsynth's time, and the rendering differs from the default by less than -38 dB.
    /// </summary>
    public Task SynthesizeAsync(string midiFile, string wavFile, CancellationToken cancellation) =>
        ExternalTool.RunAsync(SynthToolchain.Fluidsynth,
        [
            "-n", "-i", "-q", "-R", "0", "-C", "0",
            "-g", _settings.Gain.ToString("0.###", CultureInfo.InvariantCulture),
            "-r", MtatClipFormat.SampleRate.ToString(CultureInfo.InvariantCulture),
            "-o", "synth.dynamic-sample-loading=1",
            "-o", "synth.polyphony=48",
            "-f", _interpolationCommands,
            "-O", "float", "-T", "wav", "-F", wavFile,
            _settings.Soundfont, midiFile,
        ], cancellation);

    /// <summary>The RMS level, in dB of full scale, of the part of a rendering that becomes the clip (channels averaged, as sox mixes them).</summary>
    private double RmsDecibels(string wavFile)
    {
        var audio = _reader.Read(wavFile);
        var count = Math.Min(audio.Samples.Length, (int)(MtatClipFormat.Length.TotalSeconds * audio.SampleRate));
        double sum = 0;
        for (var i = 0; i < count; i++)
            sum += audio.Samples[i] * audio.Samples[i];
        var rms = Math.Sqrt(sum / Math.Max(1, count));
        if (rms < 1e-6)
            throw new SynthException($"fluidsynth rendered silence from {Path.GetFileName(wavFile)}; is {_settings.Soundfont} a General MIDI soundfont?");
        return 20 * Math.Log10(rms);
    }
}
