using Sharprun.Cli;

return CommandDispatcher.Run(args);
