namespace Pipeline.Tests.Support;

/// <summary>Certificate folders of TLS clusters, made the way a user makes them: `pipeline cluster-certs --out DIR`.</summary>
public static class CertificateFolders
{
    /// <summary>A new cluster's certificates (every call: another CA) in <paramref name="name"/> under <paramref name="dir"/>.</summary>
    public static string Make(TempDirectory dir, string name)
    {
        var folder = dir.File(name);
        var (code, output, error) = CliRunner.Run("cluster-certs", "--out", folder);
        Assert.True(code == 0, error);
        Assert.Contains(folder, output);
        return folder;
    }
}
