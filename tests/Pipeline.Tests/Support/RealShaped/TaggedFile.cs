namespace Pipeline.Tests.Support.RealShaped;

/// <summary>Writes a file as the concatenation of its parts: leading tags, the audio stream, trailing tags.</summary>
public static class TaggedFile
{
    public static string Write(string path, params byte[][] parts)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        foreach (var part in parts)
            file.Write(part);
        return path;
    }
}
