using Pipeline.Host.Cli;

return PipelineCli.Run(args, Console.Out, Console.Error);
