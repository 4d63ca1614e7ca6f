using System.CommandLine;
using System.Runtime.InteropServices;
using Pipeline.Host.Cli;
using Pipeline.Synth;

namespace Pipeline.Host.Commands;

/// <summary>
/// `synth`: renders the project's demo corpus, music whose tags can be heard, in MagnaTagATune's exact layout
/// (folders 0..f, MTAT-style file names, annotations_final.csv), from sampled instruments with fluidsynth.
/// </summary>
public static class SynthCommand
{
    public const int DefaultClips = 900;
    public const int MaxClips = 1_000_000;

    public static Command Build(TextWriter output)
    {
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for the corpus (created if missing)", Required = true };
        var clips = new Option<int>("--clips")
        {
            Description = $"Clips with audio to make (three 0-byte clips are added, as MTAT has them); default {DefaultClips}",
            DefaultValueFactory = _ => DefaultClips,
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the corpus: same seed, same annotations and music", DefaultValueFactory = _ => 1 };
        var kind = new Option<string>("--kind")
        {
            Description = "styles: the demo's genre-like styles (30 tags) | mixes: one to three instruments of --instruments per clip, " +
                          "over drums or not (instrument tags, drums, slow/fast, quiet/loud)",
            DefaultValueFactory = _ => "styles",
        };
        kind.AcceptOnlyFromAmong("styles", "mixes");
        var instruments = new Option<string[]>("--instruments")
        {
            Description = "mixes: the instruments, by tag (e.g. piano,guitar,trumpet); default every tagged one",
            AllowMultipleArgumentsPerToken = true,
        };

        var command = new Command("synth", "Render a demo corpus in MagnaTagATune's format whose tags can be heard (fluidsynth, sox, lame)")
        {
            outDir, clips, seed, kind, instruments,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var context = CommandContext.Create("synth", parse, output);
            var clipCount = parse.GetValue(clips);
            if (clipCount is < 1 or > MaxClips)
                throw new UsageException($"usage error: --clips must be between 1 and {MaxClips}, got {clipCount}");
            var outPath = parse.GetValue(outDir)!.FullName;
            if (File.Exists(outPath))
                throw new UsageException($"usage error: --out {outPath} is a file, not a folder");
            Directory.CreateDirectory(outPath);
            context.StartLog(Path.Combine(outPath, "logs"));

            // Ctrl+C or a kill stops the tools and keeps the finished clips, instead of ending the process under them.
            using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Interrupt(signal, interrupted));
            using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Interrupt(signal, interrupted));
            var styles = parse.GetValue(kind) == "mixes" ? MixStyles.For(Instruments(parse.GetValue(instruments)), parse.GetValue(seed)) : Styles.All;
            var synthesizer = new CorpusSynthesizer(context.Settings.Synth, context.Settings.Audio.CreateReader());
            SynthSummary summary;
            using (var progress = new ProgressDisplay("synth", 0, context.Settings.Logging.ProgressInterval))
            {
                summary = await synthesizer.RunAsync(outPath, clipCount, parse.GetValue(seed), styles,
                    (done, total) => progress.Report(done, total, ""), interrupted.Token);
            }
            output.Write(summary.Render());
            return ExitCodes.Success;
        });
        return command;
    }

    private static IReadOnlyList<Instrument> Instruments(string[]? names)
    {
        try
        {
            var named = MixStyles.Named([.. (names ?? []).SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))]);
            return named.Count >= 3 ? named : throw new ArgumentException($"a mix corpus needs at least three instruments, got {named.Count}");
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"usage error: --instruments: {e.Message.Split(" (Parameter")[0]}");
        }
    }

    private static void Interrupt(PosixSignalContext signal, CancellationTokenSource interrupted)
    {
        signal.Cancel = true;
        interrupted.Cancel();
    }
}
