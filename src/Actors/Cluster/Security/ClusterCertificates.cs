using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Pipeline.Actors.Cluster.Security;

/// <summary>What `cluster-certs` wrote: the folder, the cluster's id, the CA's SHA-256 fingerprint and the last valid day.</summary>
public sealed record IssuedCertificates(string Directory, string ClusterId, string AuthorityFingerprint, DateTime NotAfter);

/// <summary>
/// Makes a cluster's certificates (`cluster-certs`): a CA, one node certificate and key it signs, and nothing else.
/// Every node gets the same folder. The CA's private key never reaches the disk: once the node certificate is
/// signed no other certificate can ever chain to this CA, so the node certificate is the cluster's only key, and
/// replacing the folder on every node (a new run) shuts out any copy that leaked.
/// </summary>
public static class ClusterCertificates
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    public static IssuedCertificates Write(string directory, TimeSpan validity, DateTimeOffset now)
    {
        var existing = new[] { ClusterCredentials.AuthorityFile, ClusterCredentials.NodeFile, ClusterCredentials.PasswordFile }
            .Select(name => Path.Combine(directory, name)).Where(File.Exists).ToList();
        if (existing.Count > 0)
            throw new ClusterSecurityException($"cluster-certs: {existing[0]} already exists: a running cluster may use it; " +
                                               "remove the folder's certificates or choose another --out");
        // Nodes' clocks differ a little; a certificate made here must already be valid on a node that runs behind.
        var notBefore = now - TimeSpan.FromMinutes(10);
        var notAfter = now + validity;
        var clusterId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest($"CN=pipeline cluster CA {clusterId}", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, false));
        using var authority = authorityRequest.CreateSelfSigned(notBefore, notAfter);

        using var nodeKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var nodeRequest = new CertificateRequest($"CN=pipeline cluster node {clusterId}", nodeKey, HashAlgorithmName.SHA256);
        nodeRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        nodeRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        // Every node both accepts connections and opens them: its certificate serves both ends of a TLS handshake.
        nodeRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthentication), new Oid(ClientAuthentication)], false));
        nodeRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(nodeRequest.PublicKey, false));
        nodeRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        using var signed = nodeRequest.Create(authority, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        using var node = signed.CopyWithPrivateKey(nodeKey);

        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        var pfx = node.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
        var fingerprint = Convert.ToHexString(authority.GetCertHash(HashAlgorithmName.SHA256));
        var issued = new IssuedCertificates(directory, clusterId, fingerprint, notAfter.UtcDateTime);

        Directory.CreateDirectory(directory);
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        const UnixFileMode everyoneReads = ownerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        WriteNew(Path.Combine(directory, ClusterCredentials.PasswordFile), Encoding.ASCII.GetBytes(password + "\n"), ownerOnly);
        WriteNew(Path.Combine(directory, ClusterCredentials.NodeFile), pfx, ownerOnly);
        WriteNew(Path.Combine(directory, ClusterCredentials.AuthorityFile), Encoding.ASCII.GetBytes(authority.ExportCertificatePem() + "\n"), everyoneReads);
        File.WriteAllText(Path.Combine(directory, ClusterCredentials.ReadmeFile), ClusterCertificatesReadme.Text(issued, now));
        return issued;
    }

    /// <summary>Creates the file with its final permissions, so a key is never readable by others, even for a moment.</summary>
    private static void WriteNew(string path, byte[] content, UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = mode;
        using var stream = new FileStream(path, options);
        stream.Write(content);
    }
}
