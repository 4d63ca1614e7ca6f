namespace Pipeline.Synth;

/// <summary>
/// Checks, before any work starts, that the programs the corpus is rendered with are installed and the soundfont
/// exists, and says in one message what to install when they are not.
/// </summary>
public static class SynthToolchain
{
    public const string Fluidsynth = "fluidsynth";
    public const string Sox = "sox";
    public const string Lame = "lame";

    public const string InstallHint =
        "install the Debian packages fluidsynth fluid-soundfont-gm sox lame (scripts/bootstrap does)";

    public static void Check(SynthSettings settings, string? searchPath = null)
    {
        var missing = new[] { Fluidsynth, Sox, Lame }.Where(tool => Find(tool, searchPath) is null).ToList();
        if (missing.Count > 0)
            throw new SynthException($"synth needs {string.Join(", ", missing)}, not found on the PATH; {InstallHint}");
        if (!File.Exists(settings.Soundfont))
            throw new SynthException(
                $"the soundfont {settings.Soundfont} does not exist; install the Debian package fluid-soundfont-gm " +
                "(scripts/bootstrap does) or point pipeline.synth.soundfont at a General MIDI .sf2 file");
    }

    /// <summary>The full path of an executable on the PATH, or null.</summary>
    public static string? Find(string tool, string? searchPath = null)
    {
        var path = searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || IsExecutable(candidate)))
                return candidate;
        }
        return null;
    }

    private static bool IsExecutable(string file) =>
        !OperatingSystem.IsWindows() &&
        (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
