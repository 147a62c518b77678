using Sixtyfour.Emulator.Hosting;

return await EmulatorApp.RunAsync(args);
