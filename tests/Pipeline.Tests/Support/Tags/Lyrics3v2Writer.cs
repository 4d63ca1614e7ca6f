using System.Globalization;
using System.Text;

namespace Pipeline.Tests.Support.Tags;

/// <summary>One Lyrics3v2 field: a three-letter id (IND, LYR, INF, AUT, EAL, EAR, ETT) and its Latin-1 text.</summary>
public sealed record Lyrics3Field(string Id, string Value);

/// <summary>
/// Writes a Lyrics3v2 tag, which sits just before an ID3v1 tag: "LYRICSBEGIN", fields as id + five-digit size + text,
/// then a six-digit size of everything from "LYRICSBEGIN" to the last field, then "LYRICS200".
/// </summary>
public static class Lyrics3v2Writer
{
    public const int TrailerSize = 15;

    public static byte[] Write(IReadOnlyList<Lyrics3Field> fields)
    {
        var text = new StringBuilder("LYRICSBEGIN");
        foreach (var field in fields)
        {
            if (field.Id.Length != 3 || !field.Id.All(char.IsAsciiLetterUpper))
                throw new ArgumentException($"'{field.Id}' is not a Lyrics3v2 field id", nameof(fields));
            if (field.Value.Length > 99_999)
                throw new ArgumentException($"field {field.Id} is longer than a five-digit size allows", nameof(fields));
            text.Append(field.Id).Append(field.Value.Length.ToString("D5", CultureInfo.InvariantCulture)).Append(field.Value);
        }
        var body = Encoding.Latin1.GetBytes(text.ToString());
        if (body.Length > 999_999)
            throw new ArgumentException("a Lyrics3v2 tag is limited to a six-digit size", nameof(fields));
        return [.. body, .. Encoding.ASCII.GetBytes(body.Length.ToString("D6", CultureInfo.InvariantCulture)), .. "LYRICS200"u8];
    }
}
