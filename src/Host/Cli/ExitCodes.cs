namespace Pipeline.Host.Cli;

public static class ExitCodes
{
    public const int Success = 0;
    public const int RuntimeFailure = 1;
    public const int UsageOrConfiguration = 2;
}
