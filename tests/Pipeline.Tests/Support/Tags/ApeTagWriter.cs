using System.Buffers.Binary;
using System.Text;

namespace Pipeline.Tests.Support.Tags;

/// <summary>One APEv2 item: an ASCII key of 2-255 characters and a UTF-8 text value.</summary>
public sealed record ApeItem(string Key, string Value);

/// <summary>
/// Writes an APEv2 tag as taggers place it before an ID3v1 tag: a 32-byte "APETAGEX" header, the items, and a
/// 32-byte footer. The size field counts the items and the footer but not the header.
/// </summary>
public static class ApeTagWriter
{
    public const int HeaderSize = 32;
    private const uint HasHeader = 1u << 31;
    private const uint IsHeader = 1u << 29;

    public static byte[] Write(IReadOnlyList<ApeItem> items)
    {
        using var body = new MemoryStream();
        foreach (var item in items)
        {
            if (item.Key.Length is < 2 or > 255 || item.Key.Any(c => c is < (char)0x20 or > (char)0x7E))
                throw new ArgumentException($"'{item.Key}' is not a valid APEv2 key", nameof(items));
            var value = Encoding.UTF8.GetBytes(item.Value);
            body.Write(LittleEndian(value.Length));
            body.Write(LittleEndian(0));
            body.Write(Encoding.ASCII.GetBytes(item.Key));
            body.WriteByte(0);
            body.Write(value);
        }
        var size = (int)body.Length + HeaderSize;
        using var output = new MemoryStream();
        output.Write(Block(size, items.Count, HasHeader | IsHeader));
        body.Position = 0;
        body.CopyTo(output);
        output.Write(Block(size, items.Count, HasHeader));
        return output.ToArray();
    }

    private static byte[] Block(int size, int count, uint flags)
    {
        var block = new byte[HeaderSize];
        "APETAGEX"u8.CopyTo(block);
        BinaryPrimitives.WriteInt32LittleEndian(block.AsSpan(8), 2000);
        BinaryPrimitives.WriteInt32LittleEndian(block.AsSpan(12), size);
        BinaryPrimitives.WriteInt32LittleEndian(block.AsSpan(16), count);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(20), flags);
        return block;
    }

    private static byte[] LittleEndian(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }
}
