namespace Pipeline.Host.Configuration;

/// <summary>A configuration or usage error: the program stops with exit code 2 and this one message.</summary>
public sealed class ConfigurationException(string message) : Exception(message)
{
    public static ConfigurationException ForKey(string key, string? value, string origin, string problem) =>
        new(value is null
            ? $"configuration error: {key} (from {origin}): {problem}"
            : $"configuration error: {key} = {value} (from {origin}): {problem}");
}
