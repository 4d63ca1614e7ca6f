namespace Pipeline.Tests.Support.Network;

/// <summary>The `ip` tool (iproute2) and the others the virtual networks use: failures either throw with the tool's message or, while cleaning up, are ignored.</summary>
internal static class Ip
{
    public static string Run(params string[] arguments) => Tools.Run("ip", arguments);

    public static string TryRun(params string[] arguments) => TryRunTool("ip", arguments);

    /// <summary>For cleanup: what is already gone need not be removed, and one failure must not stop the rest.</summary>
    public static string TryRunTool(string tool, params string[] arguments)
    {
        try
        {
            return Tools.Run(tool, arguments);
        }
        catch (InvalidOperationException)
        {
            return "";
        }
    }
}

/// <summary>
/// With br_netfilter loaded and bridge-nf-call-iptables = 1, frames crossing a bridge pass iptables' FORWARD chain;
/// where that drops by default (a Docker host), the hosts on our bridge could not reach each other. One ACCEPT rule
/// for traffic between the bridge's own ports, removed with the bridge.
/// </summary>
internal static class AllowBridgedTraffic
{
    private const string Setting = "/proc/sys/net/bridge/bridge-nf-call-iptables";

    public static void Add(string bridge)
    {
        if (File.Exists(Setting) && File.ReadAllText(Setting).Trim() == "1")
            Tools.Run("iptables", Rule("-I", bridge));
    }

    public static void Remove(string bridge) => Ip.TryRunTool("iptables", Rule("-D", bridge));

    private static string[] Rule(string action, string bridge) => [action, "FORWARD", "-i", bridge, "-o", bridge, "-j", "ACCEPT"];
}
