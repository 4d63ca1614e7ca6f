using Pipeline.Shared.IO;
using System.Runtime.InteropServices;

namespace Pipeline.Streams.IO;

/// <summary>Whole-array .npy reads and writes (small arrays such as label matrices). Written atomically; large
/// float32 matrices are written row by row with <see cref="NpyMatrixWriter"/>.</summary>
public static class NpyFile
{
    public static void WriteUInt8Matrix(string path, ReadOnlySpan<byte> rowMajor, int rows, int columns)
    {
        if (rowMajor.Length != (long)rows * columns)
            throw new ArgumentException($"{rowMajor.Length} values do not fill a {rows} x {columns} matrix");
        var data = rowMajor.ToArray();
        AtomicFile.Write(path, stream =>
        {
            stream.Write(new NpyHeader(NpyHeader.UInt8, [rows, columns]).Encode());
            stream.Write(data);
        });
    }

    public static (NpyHeader Header, byte[] Data) ReadUInt8(string path) => Read<byte>(path, NpyHeader.UInt8);

    public static (NpyHeader Header, short[] Data) ReadInt16(string path) => Read<short>(path, NpyHeader.Int16);

    public static (NpyHeader Header, float[] Data) ReadFloat32(string path) => Read<float>(path, NpyHeader.Float32);

    private static (NpyHeader Header, T[] Data) Read<T>(string path, string expectedType) where T : unmanaged
    {
        using var stream = File.OpenRead(path);
        var (header, _) = NpyHeader.Read(stream, path);
        if (header.DataType != expectedType)
            throw new InvalidDataException($"{path}: expected {expectedType} data, found {header.DataType}");
        var data = new T[header.ElementCount];
        stream.ReadExactly(MemoryMarshal.AsBytes(data.AsSpan()));
        return (header, data);
    }
}
