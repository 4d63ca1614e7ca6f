using System.Globalization;
using Akka.Configuration.Hocon;

namespace Pipeline.Host.Configuration;

/// <summary>
/// Typed, validated access to the merged configuration. Every getter names the key, the offending value and the
/// layer it came from when the value has the wrong type or is out of range.
/// </summary>
public sealed class SettingsReader(ConfigLayers layers)
{
    public ConfigLayers Layers { get; } = layers;

    public int Int(string key, int min = int.MinValue, int max = int.MaxValue)
    {
        var raw = Raw(key);
        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw Problem(key, raw, "must be a whole number");
        return InRange(key, raw, value, min, max);
    }

    public long Long(string key, long min = long.MinValue, long max = long.MaxValue)
    {
        var raw = Raw(key);
        if (!long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw Problem(key, raw, "must be a whole number");
        return InRange(key, raw, value, min, max);
    }

    public double Double(string key, double min = double.MinValue, double max = double.MaxValue)
    {
        var raw = Raw(key);
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw Problem(key, raw, "must be a number");
        return InRange(key, raw, value, min, max);
    }

    public bool Bool(string key)
    {
        var raw = Raw(key);
        return raw.ToLowerInvariant() switch
        {
            "true" or "on" or "yes" => true,
            "false" or "off" or "no" => false,
            _ => throw Problem(key, raw, "must be on or off (true/false, yes/no)"),
        };
    }

    public string String(string key, bool allowEmpty = false)
    {
        var raw = Raw(key);
        if (!allowEmpty && string.IsNullOrWhiteSpace(raw))
            throw Problem(key, raw, "must not be empty");
        return raw;
    }

    /// <summary>One of a fixed set of lower-case words, mapped to a value.</summary>
    public T Choice<T>(string key, IReadOnlyDictionary<string, T> choices)
    {
        var raw = Raw(key);
        return choices.TryGetValue(raw.ToLowerInvariant(), out var value)
            ? value
            : throw Problem(key, raw, $"must be one of: {string.Join(", ", choices.Keys)}");
    }

    public TimeSpan Duration(string key, TimeSpan min, TimeSpan max)
    {
        var raw = Raw(key);
        TimeSpan value;
        try
        {
            value = Layers.Merged.GetTimeSpan(key, allowInfinite: false);
        }
        catch (Exception)
        {
            throw Problem(key, raw, "must be a duration such as 500ms, 10s or 2m");
        }
        if (value < min || value > max)
            throw Problem(key, raw, $"must be between {min} and {max}");
        return value;
    }

    /// <summary>A list of strings, each parsed by <paramref name="parse"/> (null: not valid, as <paramref name="expected"/> says).</summary>
    public IReadOnlyList<T> List<T>(string key, Func<string, T?> parse, string expected) where T : struct
    {
        var value = Value(key);
        if (!value.IsArray() && value.GetString() is null)
            return []; // HOCON reads `[]` as a value that is neither a list nor a string
        if (!value.IsArray())
            throw Problem(key, Describe(value), $"must be a list such as [{expected}]");
        var items = new List<T>();
        foreach (var element in value.GetArray())
        {
            var raw = element.IsString() ? element.GetString() : "?";
            items.Add(parse(raw) ?? throw Problem(key, Describe(value), $"'{raw}' is not of the form {expected}"));
        }
        return items;
    }

    public IReadOnlyList<int> IntList(string key, int minCount, int minValue, int maxValue)
    {
        var value = Value(key);
        if (!value.IsArray())
            throw Problem(key, Describe(value), "must be a list of whole numbers such as [128, 256]");
        var items = new List<int>();
        foreach (var element in value.GetArray())
        {
            var raw = element.IsString() ? element.GetString() : "?";
            if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var item))
                throw Problem(key, Describe(value), $"'{raw}' is not a whole number");
            if (item < minValue || item > maxValue)
                throw Problem(key, Describe(value), $"every entry must be between {minValue} and {maxValue}");
            items.Add(item);
        }
        if (items.Count < minCount)
            throw Problem(key, Describe(value), $"must hold at least {minCount} entries");
        return items;
    }

    public ConfigurationException Problem(string key, string? value, string problem) =>
        ConfigurationException.ForKey(key, value, Layers.OriginOf(key), problem);

    private T InRange<T>(string key, string raw, T value, T min, T max) where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            var range = (min.Equals(MinOf<T>()), max.Equals(MaxOf<T>())) switch
            {
                (false, true) => $"must be at least {Format(min)}",
                (true, false) => $"must be at most {Format(max)}",
                _ => $"must be between {Format(min)} and {Format(max)}",
            };
            throw Problem(key, raw, range);
        }
        return value;
    }

    private static string Format<T>(T value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static T MinOf<T>() => (T)typeof(T).GetField("MinValue")!.GetValue(null)!;
    private static T MaxOf<T>() => (T)typeof(T).GetField("MaxValue")!.GetValue(null)!;

    private HoconValue Value(string key) =>
        Layers.Merged.GetValue(key) ?? throw new ConfigurationException($"configuration error: {key} is missing from the defaults");

    private string Raw(string key)
    {
        var value = Value(key);
        if (value.IsObject() || value.IsArray() || !value.IsString())
            throw Problem(key, Describe(value), "must be a single value, not a list or section");
        return value.GetString();
    }

    private static string Describe(HoconValue value) => value.ToString().Replace('\n', ' ').Trim();
}
