using System.Text;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace Pipeline.Host.Configuration;

/// <summary>
/// The defaults file, an optional user file (--config) and -D overrides, merged in that order of precedence,
/// remembering which layer set each key so errors can say where a bad value came from.
/// </summary>
public sealed class ConfigLayers
{
    public const string Root = "pipeline";

    private readonly Dictionary<string, string> _origins = new(StringComparer.Ordinal);
    private readonly HashSet<string> _defaultKeys;

    private ConfigLayers(Config merged, HashSet<string> defaultKeys)
    {
        Merged = merged;
        _defaultKeys = defaultKeys;
    }

    /// <summary>All layers merged; the highest-precedence layer wins for each key.</summary>
    public Config Merged { get; private set; }

    public string OriginOf(string key) => _origins.TryGetValue(key, out var origin) ? origin : "defaults";

    /// <summary>Where the shipped defaults live next to the program (copied from the repository's hocon/ folder).</summary>
    public static string DefaultsDirectory => Path.Combine(AppContext.BaseDirectory, "hocon");

    public static ConfigLayers Load(string? userFile, IReadOnlyList<string> overrides) =>
        Load(Path.Combine(DefaultsDirectory, "pipeline.conf"), userFile, overrides);

    /// <summary>
    /// As <see cref="Load(string?, IReadOnlyList{string})"/>, then settings a command's options imply (path=value),
    /// each named by the option it came from, so errors and config.conf point at that option rather than at a -D.
    /// </summary>
    public static ConfigLayers Load(string? userFile, IReadOnlyList<string> overrides, IReadOnlyList<(string Assignment, string Origin)> implied)
    {
        var layers = Load(userFile, overrides);
        foreach (var (assignment, origin) in implied)
            layers.Add(ParseOverride(assignment), origin);
        return layers;
    }

    /// <summary>
    /// Loads the pipeline defaults with the actor system's (akka.conf beside them), then the user's layers. A user
    /// file may also carry an akka section; only keys under <see cref="Root"/> are checked against the defaults.
    /// </summary>
    public static ConfigLayers Load(string defaultsFile, string? userFile, IReadOnlyList<string> overrides)
    {
        var akkaDefaults = Path.Combine(Path.GetDirectoryName(defaultsFile)!, "akka.conf");
        var defaults = ParseFile(defaultsFile, "defaults");
        if (File.Exists(akkaDefaults))
            defaults = defaults.WithFallback(ParseFile(akkaDefaults, "defaults"));
        var layers = new ConfigLayers(defaults, LeafPaths(defaults).ToHashSet(StringComparer.Ordinal));
        layers.Record(defaults, $"defaults in {Path.GetFileName(defaultsFile)}");

        if (userFile is not null)
            layers.Add(ParseFile(userFile, "--config"), userFile);
        foreach (var assignment in overrides)
            layers.Add(ParseOverride(assignment), $"-D {assignment}");
        return layers;
    }

    private void Add(Config layer, string origin)
    {
        foreach (var key in LeafPaths(layer).Where(k => k == Root || k.StartsWith(Root + ".", StringComparison.Ordinal)))
        {
            if (!_defaultKeys.Contains(key))
                throw ConfigurationException.ForKey(key, null, origin, UnknownKeyProblem(key));
        }
        Record(layer, origin);
        Merged = layer.WithFallback(Merged);
    }

    private string UnknownKeyProblem(string key)
    {
        if (RenamedKeys.NewNameOf(key) is { } renamed)
            return $"renamed: use {renamed}";
        var section = key[..Math.Max(0, key.LastIndexOf('.'))];
        var siblings = _defaultKeys.Where(k => k.StartsWith(section + ".", StringComparison.Ordinal))
            .Select(k => k[(section.Length + 1)..].Split('.')[0]).Distinct().Order().ToList();
        return siblings.Count == 0
            ? "unknown key"
            : $"unknown key (known keys in {section}: {string.Join(", ", siblings)})";
    }

    private void Record(Config layer, string origin)
    {
        foreach (var key in LeafPaths(layer))
            _origins[key] = origin;
    }

    private static Config ParseFile(string path, string role)
    {
        if (!File.Exists(path))
            throw new ConfigurationException($"configuration error: {role} file {path} does not exist");
        try
        {
            return ConfigurationFactory.ParseString(File.ReadAllText(path));
        }
        catch (Exception e) when (e is not ConfigurationException)
        {
            throw new ConfigurationException($"configuration error: {path} is not valid HOCON: {e.Message}");
        }
    }

    /// <summary>
    /// Parses one -D path=value. Values are taken literally (quoted before parsing) unless they are a HOCON list,
    /// so a path such as /data//mtat is not cut at what HOCON would read as a comment.
    /// </summary>
    public static Config ParseOverride(string assignment)
    {
        var equals = assignment.IndexOf('=');
        if (equals <= 0)
            throw new ConfigurationException($"usage error: -D expects path=value, got '{assignment}'");
        var path = assignment[..equals].Trim();
        var value = assignment[(equals + 1)..].Trim();
        if (path.Length == 0 || path.Split('.').Any(part => part.Length == 0 || part.Any(char.IsWhiteSpace)))
            throw new ConfigurationException($"usage error: -D expects path=value with a dotted path, got '{assignment}'");

        var hocon = value.StartsWith('[') ? $"{path} = {value}" : $"{path} = {Quote(value)}";
        try
        {
            return ConfigurationFactory.ParseString(hocon);
        }
        catch (Exception e)
        {
            throw new ConfigurationException($"usage error: cannot parse -D {assignment}: {e.Message}");
        }
    }

    private static string Quote(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }
        return builder.Append('"').ToString();
    }

    /// <summary>Every key that holds a value (not an object), as a dotted path.</summary>
    public static IEnumerable<string> LeafPaths(Config config) => config.Root is null ? [] : LeafPaths(config.Root, "");

    private static IEnumerable<string> LeafPaths(HoconValue value, string prefix)
    {
        if (value.IsObject())
        {
            foreach (var (key, child) in value.GetObject().Items)
                foreach (var path in LeafPaths(child, prefix.Length == 0 ? key : $"{prefix}.{key}"))
                    yield return path;
        }
        else if (prefix.Length > 0)
        {
            yield return prefix;
        }
    }
}
