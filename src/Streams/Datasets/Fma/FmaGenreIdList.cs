using System.Collections.Immutable;
using System.Globalization;

namespace Pipeline.Streams.Datasets.Fma;

/// <summary>
/// The genre id lists of tracks.csv's (track, genres) and (track, genres_all) columns, written by pandas as Python
/// lists: "[21, 811]", or "[]" for none.
/// </summary>
public static class FmaGenreIdList
{
    /// <summary>The ids in the list's order; false when <paramref name="text"/> is not such a list.</summary>
    public static bool TryParse(string text, out ImmutableArray<int> ids)
    {
        ids = default;
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length < 2 || trimmed[0] != '[' || trimmed[^1] != ']')
            return false;
        var inner = trimmed[1..^1].Trim();
        if (inner.IsEmpty)
        {
            ids = [];
            return true;
        }
        var builder = ImmutableArray.CreateBuilder<int>();
        foreach (var range in inner.Split(','))
        {
            if (!int.TryParse(inner[range].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                return false;
            builder.Add(id);
        }
        ids = builder.ToImmutable();
        return true;
    }
}
