using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Host.Cli;
using Pipeline.Streams.Tagging;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Scoring;
using Pipeline.Streams.Windows;
using Pipeline.Tests.Support;
using Xunit.Abstractions;

namespace Pipeline.Tests.Tagging;

/// <summary>
/// Whole songs and longer: a 10-minute and a 40-minute 44.1 kHz stereo MP3 are tagged over time, each in a process of
/// its own, and the longer one needs no more memory. Decoding a 40-minute file whole would hold 423 MB of mono samples
/// at 44.1 kHz (and 300 MB more than the 10-minute one); streamed, the two peaks are within a few percent.
/// </summary>
public sealed partial class LongFileTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new("tag-long");

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// A minute of stereo noise with a slow tremolo, encoded once by lame (without the Info frame, so that copies of
    /// its frames back to back are one valid stream) and repeated to the length wanted.
    /// </summary>
    private string LongMp3(int minutes)
    {
        var minute = _dir.File("minute.mp3");
        if (!File.Exists(minute))
            Tools.Run("sh", "-c", $"sox -n -r 44100 -c 2 -b 16 -t wav - synth 60 pinknoise synth sine amod 3 vol 0.5 2>/dev/null | lame --quiet -t -b 128 --resample 44.1 - '{minute}'");
        var path = _dir.File($"{minutes}-minutes.mp3");
        var frames = File.ReadAllBytes(minute);
        using var file = File.Create(path);
        for (var i = 0; i < minutes; i++)
            file.Write(frames);
        return path;
    }

    private (JsonElement Line, double PeakMegabytes) TagInItsOwnProcess(string run, string file)
    {
        var journal = file + ".jsonl";
        var (code, _, error) = PipelineProcess.Run(["tag", "--run", run, file, "--over-time", "--output", journal,
            "-D", "pipeline.training.threads=1", "-D", "pipeline.logging.directory=" + _dir.File("logs")], TimeSpan.FromMinutes(5));
        Assert.True(code == ExitCodes.Success, error);
        var peak = double.Parse(PeakMemory().Match(error).Groups[1].Value, CultureInfo.InvariantCulture);
        using var json = JsonDocument.Parse(File.ReadAllLines(journal).Single());
        return (json.RootElement.Clone(), peak);
    }

    [GeneratedRegex(@"peak memory (\d+) MB")]
    private static partial Regex PeakMemory();

    [Fact]
    public void A_40_minute_file_is_tagged_over_its_whole_length_with_the_peak_memory_of_a_10_minute_one()
    {
        var run = TinyRun.Create(_dir.File("run")).Root;
        var shape = WindowShape.Adjacent(TinyRun.SampleRate, TinyRun.WindowSamples);

        var (ten, tenPeak) = TagInItsOwnProcess(run, LongMp3(10));
        var (forty, fortyPeak) = TagInItsOwnProcess(run, LongMp3(40));

        output.WriteLine($"peak resident memory: {tenPeak} MB for 10 minutes, {fortyPeak} MB for 40");
        foreach (var (line, minutes) in new[] { (ten, 10), (forty, 40) })
        {
            var seconds = line.GetProperty("seconds").GetDouble();
            Assert.InRange(seconds, minutes * 60.0, minutes * 60.0 + minutes * 0.1);
            var rows = line.GetProperty("timeline").GetProperty("scores").GetArrayLength();
            Assert.Equal(line.GetProperty("windows").GetInt32(), rows);
            Assert.Equal(shape.WindowsFor((long)Math.Round(seconds * TinyRun.SampleRate)), rows);
            Assert.InRange(rows * shape.WindowSeconds, seconds - shape.HopSeconds, seconds);
        }
        Assert.True(fortyPeak <= tenPeak * 1.15, $"peak {tenPeak} MB for 10 minutes, {fortyPeak} MB for 40");
    }
}
