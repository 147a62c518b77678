return Sixtyfour.HelpBuilder.HelpBuilderApp.Run(args, Console.Out, Console.Error);
