using Pipeline.Streams.Clips;

namespace Pipeline.Streams.Tagging;

/// <summary>
/// Turns command-line paths into the audio files to read: a file is taken as named (whatever its extension); a folder
/// gives its files whose extension a decoder reads, with <c>recursive</c> those of its subfolders too (a folder is
/// always a folder, even one named like a file; folders reached through symbolic links are not entered, so a link
/// loop cannot trap the walk). A path that does not exist is kept: reading it reports it missing. Each file comes once,
/// in the order the paths were given, a folder's files sorted by path.
/// </summary>
public static class AudioFileWalker
{
    /// <summary>Extensions of files the decoders read: MPEG audio (found by its frames) and what libsndfile reads.</summary>
    public static IReadOnlySet<string> AudioExtensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".mp3", ".mp2", ".mpga", ".wav", ".wave", ".flac", ".ogg", ".oga", ".opus", ".aif", ".aiff", ".aifc", ".au", ".snd",
        ".caf", ".w64", ".rf64",
    };

    public static IReadOnlyList<ClipRef> Find(IEnumerable<string> paths, bool recursive)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<ClipRef>();
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            var found = Directory.Exists(full) ? Walk(full, recursive) : [full];
            foreach (var file in found)
            {
                if (seen.Add(file))
                    files.Add(ClipRef.File(files.Count, file));
            }
        }
        return files;
    }

    private static IEnumerable<string> Walk(string folder, bool recursive)
    {
        var options = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0, RecurseSubdirectories = false };
        var files = new List<string>();
        var folders = new Stack<string>([folder]);
        while (folders.TryPop(out var current))
        {
            files.AddRange(Directory.EnumerateFiles(current, "*", options).Where(f => AudioExtensions.Contains(Path.GetExtension(f))));
            if (!recursive)
                continue;
            foreach (var sub in Directory.EnumerateDirectories(current, "*", options))
            {
                if (new DirectoryInfo(sub).LinkTarget is null)
                    folders.Push(sub);
            }
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
