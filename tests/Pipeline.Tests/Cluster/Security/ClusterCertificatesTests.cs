using Pipeline.Actors.Cluster.Security;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Cluster.Security;

/// <summary>
/// `cluster-certs` writes standard files (openssl, the reference here, reads and verifies them) that only the owner
/// may read where they hold a secret; a node reading a broken folder stops with one line naming the file.
/// </summary>
public sealed class ClusterCertificatesTests : IDisposable
{
    private readonly TempDirectory _dir = new("cluster-certs");

    public void Dispose() => _dir.Dispose();

    private string Run(string name) => CertificateFolders.Make(_dir, name);

    private static string NodeCertificatePem(string folder) =>
        Tools.Run("openssl", "pkcs12", "-in", Path.Combine(folder, "node.pfx"), "-passin", $"file:{Path.Combine(folder, "node.pass")}", "-nokeys");

    /// <summary>openssl's verdict on the node certificate of <paramref name="nodeFolder"/> as a TLS client or server.</summary>
    private string Verify(string caFolder, string nodeFolder, string purpose = "sslclient")
    {
        var node = _dir.File($"node-of-{Path.GetFileName(nodeFolder)}.pem");
        File.WriteAllText(node, NodeCertificatePem(nodeFolder));
        return Tools.Run("openssl", "verify", "-purpose", purpose, "-CAfile", Path.Combine(caFolder, "ca.crt"), node);
    }

    private static string LoadProblem(string folder, DateTime? now = null) =>
        Assert.Throws<ClusterSecurityException>(() => ClusterCredentials.Load(folder, now ?? DateTime.Now).Dispose()).Message;

    [Fact]
    public void Writes_a_CA_and_a_node_certificate_it_signed_that_openssl_verifies()
    {
        var folder = Run("cluster");

        Assert.Equal(["README.txt", "ca.crt", "node.pass", "node.pfx"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        // Every node opens connections and accepts them: the one certificate serves both ends.
        Assert.EndsWith("OK\n", Verify(folder, folder, "sslclient"));
        Assert.EndsWith("OK\n", Verify(folder, folder, "sslserver"));
        using var credentials = ClusterCredentials.Load(folder, DateTime.Now);
        Assert.True(credentials.Node.HasPrivateKey);
        Assert.Equal(credentials.Authority.Subject, credentials.Node.Issuer);
    }

    [Fact]
    public void Secrets_are_readable_by_their_owner_only()
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("file permissions are tested on Linux");
        var folder = Run("cluster");
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(folder, "node.pfx")));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(folder, "node.pass")));
        Assert.True(File.GetUnixFileMode(Path.Combine(folder, "ca.crt")).HasFlag(UnixFileMode.OtherRead));
    }

    [Fact]
    public void Another_runs_CA_does_not_vouch_for_this_runs_node_certificate()
    {
        var ours = Run("ours");
        var theirs = Run("theirs");

        var refused = Assert.Throws<InvalidOperationException>(() => Verify(theirs, ours));
        Assert.Contains("unable to get local issuer certificate", refused.Message);
    }

    [Fact]
    public void A_second_run_into_the_same_folder_leaves_the_certificates_alone()
    {
        var folder = Run("cluster");
        var before = File.ReadAllBytes(Path.Combine(folder, "node.pfx"));

        var (code, _, error) = CliRunner.Run("cluster-certs", "--out", folder);

        Assert.Equal(2, code);
        Assert.Contains(Path.Combine(folder, "ca.crt") + " already exists", error);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(folder, "node.pfx")));
    }

    [Fact]
    public void A_missing_folder_or_file_is_one_line_naming_it()
    {
        var missing = _dir.File("nowhere");
        Assert.Equal($"cluster TLS: {missing}: no such folder (pipeline.cluster.tls.dir: `pipeline cluster-certs --out DIR` writes one; copy it to every node)",
            LoadProblem(missing));

        foreach (var name in new[] { "ca.crt", "node.pfx", "node.pass" })
        {
            var folder = Run($"without-{name}");
            File.Delete(Path.Combine(folder, name));
            var problem = LoadProblem(folder);
            Assert.StartsWith($"cluster TLS: {Path.Combine(folder, name)}: missing", problem);
            Assert.DoesNotContain('\n', problem);
        }
    }

    [Fact]
    public void A_password_that_does_not_open_the_key_is_a_wrong_password()
    {
        var folder = Run("cluster");
        File.Copy(Path.Combine(Run("other"), "node.pass"), Path.Combine(folder, "node.pass"), overwrite: true);

        Assert.StartsWith($"cluster TLS: {Path.Combine(folder, "node.pfx")}: wrong password", LoadProblem(folder));
    }

    [Fact]
    public void A_node_certificate_and_a_CA_from_different_runs_are_refused()
    {
        var folder = Run("cluster");
        File.Copy(Path.Combine(Run("other"), "ca.crt"), Path.Combine(folder, "ca.crt"), overwrite: true);

        var problem = LoadProblem(folder);
        Assert.StartsWith($"cluster TLS: {Path.Combine(folder, "node.pfx")}: is not signed by this cluster's CA", problem);
        Assert.Contains("different cluster-certs runs", problem);
    }

    [Fact]
    public void An_expired_certificate_is_named_with_the_day_it_expired()
    {
        var folder = Run("cluster");
        using var credentials = ClusterCredentials.Load(folder, DateTime.Now);
        var expiry = credentials.Node.NotAfter;

        var problem = LoadProblem(folder, expiry.AddDays(1));
        Assert.Equal($"cluster TLS: {Path.Combine(folder, "node.pfx")}: the certificate expired on {expiry:yyyy-MM-dd HH:mm} " +
                     "(run pipeline cluster-certs again and give every node the new folder)", problem);
    }

    [Fact]
    public void Days_out_of_range_are_a_usage_error()
    {
        var (code, _, error) = CliRunner.Run("cluster-certs", "--out", _dir.File("c"), "--days", "0");

        Assert.Equal(2, code);
        Assert.Contains("--days must be between 1 and 36500, got 0", error);
        Assert.False(Directory.Exists(_dir.File("c")));
    }
}
