using System;
using System.IO;
using System.Management.Automation;

namespace Sixtyfour.Commands
{
    /// <summary>Makes the folder a command writes into, turning "cannot" into an error the user can act on.</summary>
    internal static class OutputFolder
    {
        /// <summary>Makes <paramref name="directory"/>; null when it exists now, else the error to write.</summary>
        public static ErrorRecord? Create(string directory)
        {
            try
            {
                Directory.CreateDirectory(directory);
                return null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException)
            {
                return Failure(e, directory);
            }
        }

        public static ErrorRecord Failure(Exception error, string path) =>
            ErrorRecords.Create(error, "OutputNotWritable", ErrorCategory.WriteError, path, $"Cannot write to '{path}': {error.Message}",
                "Choose a folder you can write to (-Path), with free space.");
    }
}
