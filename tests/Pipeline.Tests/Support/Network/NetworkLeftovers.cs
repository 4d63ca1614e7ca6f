using System.Diagnostics;

namespace Pipeline.Tests.Support.Network;

/// <summary>
/// Removes what virtual networks of test processes that no longer run left behind (a run killed with SIGKILL runs no
/// cleanup): their processes, namespaces, links and firewall rules. Networks of live processes are left alone.
/// </summary>
public static class NetworkLeftovers
{
    public static void Remove()
    {
        foreach (var name in Namespaces().Where(Abandoned))
            RemoveNamespace(name);
        foreach (var name in Links().Where(Abandoned))
        {
            AllowBridgedTraffic.Remove(name);
            Ip.TryRun("link", "del", name);
        }
    }

    /// <summary>Kills every process inside the namespace (and what they started), then deletes it and the links in it.</summary>
    public static void RemoveNamespace(string name)
    {
        foreach (var pid in Ip.TryRun("netns", "pids", name).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            Ip.TryRunTool("kill", "-9", pid);
        Ip.TryRun("netns", "del", name);
    }

    private static bool Abandoned(string name) => NetworkNames.OwnerOf(name) is { } owner && !Alive(owner);

    private static bool Alive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>`ip netns list` prints "NAME" or "NAME (id: N)" per line.</summary>
    private static IEnumerable<string> Namespaces() =>
        Ip.TryRun("netns", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ')[0]);

    /// <summary>`ip -o link show` prints "N: NAME[@PEER]: ..." per line.</summary>
    private static IEnumerable<string> Links() =>
        Ip.TryRun("-o", "link", "show").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':')).Where(parts => parts.Length > 2).Select(parts => parts[1].Trim().Split('@')[0]);
}
