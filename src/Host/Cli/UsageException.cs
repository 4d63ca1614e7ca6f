namespace Pipeline.Host.Cli;

/// <summary>The command line asks for something impossible (a missing folder, a bad combination): exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
