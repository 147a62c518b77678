using System;
using System.IO;
using System.Management.Automation;

namespace Sixtyfour.Commands
{
    /// <summary>Makes the folder a command writes into, turning "cannot" into an error the user can act on.</summary>
    internal static class OutputFolder
    {
        public static bool TryCreate(Cmdlet cmdlet, string directory)
        {
            try
            {
                Directory.CreateDirectory(directory);
                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException)
            {
                cmdlet.WriteError(Failure(e, directory));
                return false;
            }
        }

        public static ErrorRecord Failure(Exception error, string path) =>
            ErrorRecords.Create(error, "OutputNotWritable", ErrorCategory.WriteError, path, $"Cannot write to '{path}': {error.Message}",
                "Choose a folder you can write to (-Path), with free space.");
    }
}
