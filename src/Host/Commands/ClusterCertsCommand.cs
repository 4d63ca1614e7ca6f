using System.CommandLine;
using Pipeline.Actors.Cluster.Security;
using Pipeline.Host.Cli;

namespace Pipeline.Host.Commands;

/// <summary>
/// `cluster-certs --out DIR`: writes the certificates of a TLS cluster (a CA, the node certificate and key it signed,
/// the key's password, a README); every node gets a copy of the folder and reads it from pipeline.cluster.tls.dir.
/// </summary>
public static class ClusterCertsCommand
{
    public const int DefaultDays = 365;
    private const int MaxDays = 36_500;

    public static Command Build(TextWriter output)
    {
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for the certificates (created if missing); every node gets a copy", Required = true };
        var days = new Option<int>("--days") { Description = $"Days the certificates stay valid; default {DefaultDays}", DefaultValueFactory = _ => DefaultDays };
        var command = new Command("cluster-certs",
            "Make the certificates of a TLS cluster: a CA and the node certificate every node presents (pipeline.cluster.tls.dir)")
        {
            outDir, days,
        };
        command.SetAction(parse =>
        {
            var validDays = parse.GetValue(days);
            if (validDays is < 1 or > MaxDays)
                throw new UsageException($"usage error: --days must be between 1 and {MaxDays}, got {validDays}");
            var directory = parse.GetValue(outDir)!.FullName;
            if (File.Exists(directory))
                throw new UsageException($"usage error: --out {directory} is a file, not a folder");

            var issued = ClusterCertificates.Write(directory, TimeSpan.FromDays(validDays), DateTimeOffset.Now);
            output.WriteLine($"cluster-certs: cluster {issued.ClusterId}, valid until {issued.NotAfter:yyyy-MM-dd HH:mm} UTC, in {directory}:");
            output.WriteLine($"  {ClusterCredentials.AuthorityFile}    the cluster's CA (SHA-256 {issued.AuthorityFingerprint})");
            output.WriteLine($"  {ClusterCredentials.NodeFile}  the node certificate and key, {ClusterCredentials.PasswordFile} its password (keep both secret)");
            output.WriteLine($"Copy the whole folder to every node and run each with -D pipeline.cluster.tls.dir=FOLDER ({ClusterCredentials.ReadmeFile} explains).");
            return ExitCodes.Success;
        });
        return command;
    }
}
