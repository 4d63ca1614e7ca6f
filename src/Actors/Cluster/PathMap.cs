namespace Pipeline.Actors.Cluster;

/// <summary>
/// Where a worker finds the coordinator's files when they are mounted elsewhere on it (pipeline.cluster.path-map:
/// "FROM=TO" prefixes, the longest that matches wins). Unmapped paths are read as they are.
/// </summary>
public sealed class PathMap
{
    private readonly IReadOnlyList<(string From, string To)> _prefixes;

    public PathMap(IEnumerable<(string From, string To)> prefixes) =>
        _prefixes = [.. prefixes.Select(p => (Folder(p.From), Folder(p.To))).OrderByDescending(p => p.Item1.Length)];

    public static PathMap None { get; } = new([]);

    /// <summary>"FROM=TO" as the setting writes each entry; null when the text is not one.</summary>
    public static (string From, string To)? Parse(string entry) =>
        entry.Split('=', 2) is [var from, var to] && from.Length > 0 && to.Length > 0 && Path.IsPathRooted(from) && Path.IsPathRooted(to)
            ? (from, to)
            : null;

    public string Apply(string path)
    {
        foreach (var (from, to) in _prefixes)
        {
            if (path.StartsWith(from, StringComparison.Ordinal))
                return to + path[from.Length..];
        }
        return path;
    }

    private static string Folder(string path) => path.EndsWith('/') ? path : path + "/";
}
