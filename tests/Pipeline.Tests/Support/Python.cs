namespace Pipeline.Tests.Support;

/// <summary>Runs Debian's python3 (with python3-numpy and python3-sklearn from scripts/bootstrap) to cross-check our files and numbers.</summary>
public static class Python
{
    private const string Interpreter = "/usr/bin/python3";

    public static string Run(string script) => Tools.Run(Interpreter, "-c", script).Trim();

    /// <summary>Runs a script file (e.g. the PyTorch references in Parity/, from python3-torch) with its arguments.</summary>
    public static string RunFile(string script, params string[] arguments) => Tools.Run(Interpreter, [script, .. arguments]).Trim();
}
