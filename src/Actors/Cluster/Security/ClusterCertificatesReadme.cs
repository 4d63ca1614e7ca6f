using System.Globalization;

namespace Pipeline.Actors.Cluster.Security;

/// <summary>The README.txt `cluster-certs` leaves beside the certificates: which file goes where, and what to do when.</summary>
public static class ClusterCertificatesReadme
{
    public static string Text(IssuedCertificates issued, DateTimeOffset made)
    {
        var day = (DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        return $"""
            Certificates of pipeline cluster {issued.ClusterId}, made by `pipeline cluster-certs` on {day(made.ToUniversalTime())}.
            Valid until {day(new DateTimeOffset(issued.NotAfter, TimeSpan.Zero))}.

            Give EVERY node (the coordinator and each worker) this whole folder, unchanged, and point the node at it:
                pipeline <command> ... -D pipeline.cluster.tls.dir=/path/to/this/folder
            (or set pipeline.cluster.tls.dir in the file you pass with --config). For example:
                scp -r {issued.Directory} worker1:/etc/pipeline/cluster-tls
            Keep node.pfx and node.pass readable only by the user that runs the pipeline.

            Files
              {ClusterCredentials.AuthorityFile}     the cluster's certificate authority (PEM). A node accepts a connection only from a peer whose
                         certificate this CA signed, and proves itself the same way; nothing else is trusted, not even
                         the machine's CA store. SHA-256 fingerprint:
                         {issued.AuthorityFingerprint}
              {ClusterCredentials.NodeFile}   the node certificate and its private key (PKCS#12, encrypted with the password in
                         node.pass). Every node uses the same one.
              {ClusterCredentials.PasswordFile}  the password of node.pfx. Secret, like node.pfx: whoever has both can join the cluster.
              {ClusterCredentials.ReadmeFile} this file.

            There is no CA private key: it was thrown away once node.pfx was signed, so no other certificate can ever
            join this cluster. To add a machine, copy this folder to it. To shut out a machine (or a copy that leaked),
            or before the certificates expire: run `pipeline cluster-certs --out NEW_FOLDER`, replace the folder on every
            node and restart the nodes.

            Every connection between nodes is encrypted and both ends authenticated (mutual TLS on Akka.Remote's DotNetty
            transport). Host names are not checked, so nodes may reach each other by any address.

            To look inside:
              openssl x509 -in ca.crt -noout -text
              openssl pkcs12 -in node.pfx -passin file:node.pass -nokeys | openssl x509 -noout -text

            """;
    }
}
