using System.CommandLine;

namespace Pipeline.Host.Cli;

/// <summary>Options every command accepts: a HOCON file layered over the defaults and single-key overrides.</summary>
public static class GlobalOptions
{
    public static readonly Option<FileInfo?> Config = new("--config")
    {
        Description = "A HOCON file layered over hocon/pipeline.conf",
        Recursive = true,
    };

    public static readonly Option<string[]> Define = new("-D")
    {
        Description = "Override one setting, e.g. -D pipeline.training.batch-size=23 (repeatable)",
        Recursive = true,
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static void AddTo(RootCommand root)
    {
        root.Options.Add(Config);
        root.Options.Add(Define);
    }
}
