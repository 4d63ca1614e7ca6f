using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Host.Configuration;

/// <summary>The merged pipeline section as HOCON text (saved in run folders) and its hash (stored in checkpoints).</summary>
public static class ResolvedConfig
{
    public static string Render(ConfigLayers layers)
    {
        var builder = new StringBuilder();
        builder.AppendLine("# Resolved configuration: every key with its value and the layer it came from.");
        foreach (var key in ConfigLayers.LeafPaths(layers.Merged).Where(k => k.StartsWith(ConfigLayers.Root + ".", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            builder.AppendLine($"{key} = {Text(layers.Merged.GetValue(key))}    # {layers.OriginOf(key)}");
        }
        return builder.ToString();
    }

    /// <summary>A value as HOCON text; an empty list reads back as one (HOCON's own text for it is no value at all).</summary>
    private static string Text(Akka.Configuration.Hocon.HoconValue value) =>
        !value.IsArray() && !value.IsObject() && value.GetString() is null ? "[]" : value.ToString().Trim();

    /// <summary>A hash of the keys and values only (not of their origins), so the same settings hash the same.</summary>
    public static string Hash(ConfigLayers layers)
    {
        var text = string.Join('\n', ConfigLayers.LeafPaths(layers.Merged)
            .Where(k => k.StartsWith(ConfigLayers.Root + ".", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(k => $"{k}={Text(layers.Merged.GetValue(k))}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
