using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Streams.IO;

/// <summary>
/// The header of a NumPy .npy file (format version 1.0), so other tools can `numpy.load` what we write:
/// magic, version, a little-endian header length, and a Python dict literal padded to a multiple of 64 bytes.
/// </summary>
public sealed partial record NpyHeader(string DataType, IReadOnlyList<long> Shape)
{
    public const string UInt8 = "|u1";
    public const string Int16 = "<i2";
    public const string Float32 = "<f4";

    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
    private const int PrefixLength = 10; // magic (6) + version (2) + header length (2)

    public long ElementCount => Shape.Aggregate(1L, (product, dimension) => product * dimension);

    public int ElementSize => DataType switch
    {
        UInt8 => 1,
        Int16 => 2,
        Float32 => 4,
        _ => throw new NotSupportedException($"npy data type {DataType}"),
    };

    /// <summary>The encoded header, padded to <paramref name="minimumLength"/> (so it can be rewritten in place).</summary>
    public byte[] Encode(int minimumLength = 0)
    {
        var shape = Shape.Count == 1
            ? $"({Shape[0].ToString(CultureInfo.InvariantCulture)},)"
            : $"({string.Join(", ", Shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))})";
        var dict = $"{{'descr': '{DataType}', 'fortran_order': False, 'shape': {shape}, }}";
        var total = Math.Max(minimumLength, PrefixLength + dict.Length + 1);
        total = (total + 63) / 64 * 64;
        var headerLength = total - PrefixLength;
        var bytes = new byte[total];
        Magic.CopyTo(bytes);
        bytes[6] = 1;
        bytes[7] = 0;
        bytes[8] = (byte)(headerLength & 0xFF);
        bytes[9] = (byte)(headerLength >> 8);
        var text = dict.PadRight(headerLength - 1) + "\n";
        Encoding.ASCII.GetBytes(text, bytes.AsSpan(PrefixLength));
        return bytes;
    }

    /// <summary>Reads and validates the header at the start of <paramref name="stream"/>; returns it and the data offset.</summary>
    public static (NpyHeader Header, int DataOffset) Read(Stream stream, string nameForErrors)
    {
        Span<byte> prefix = stackalloc byte[PrefixLength];
        stream.ReadExactly(prefix);
        if (!prefix[..6].SequenceEqual(Magic))
            throw new InvalidDataException($"{nameForErrors} is not a .npy file");
        if (prefix[6] != 1)
            throw new InvalidDataException($"{nameForErrors}: .npy format version {prefix[6]} is not supported (1.0 is)");
        var headerLength = prefix[8] | prefix[9] << 8;
        var text = new byte[headerLength];
        stream.ReadExactly(text);
        var dict = Encoding.ASCII.GetString(text);

        var descr = DescrPattern().Match(dict);
        var order = FortranPattern().Match(dict);
        var shape = ShapePattern().Match(dict);
        if (!descr.Success || !order.Success || !shape.Success)
            throw new InvalidDataException($"{nameForErrors}: unreadable .npy header {dict.Trim()}");
        if (order.Groups[1].Value != "False")
            throw new InvalidDataException($"{nameForErrors}: Fortran-ordered arrays are not supported");
        var dimensions = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => long.Parse(d, CultureInfo.InvariantCulture)).ToList();
        return (new NpyHeader(descr.Groups[1].Value, dimensions), PrefixLength + headerLength);
    }

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order':\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
