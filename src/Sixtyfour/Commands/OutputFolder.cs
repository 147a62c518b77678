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
            if (FileInTheWay(directory) is string file)
                return ErrorRecords.Create(new IOException($"'{file}' is a file."), "OutputNotWritable", ErrorCategory.WriteError, directory,
                    $"Cannot make the folder '{directory}': '{file}' is a file.",
                    "-Path names a folder (made when missing) that the files are saved into: give another path, or move the file.");
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

        /// <summary>The file that stands where the folder or one of its parents should be, if any.</summary>
        private static string? FileInTheWay(string directory)
        {
            for (var path = directory; !string.IsNullOrEmpty(path) && !Directory.Exists(path); path = Path.GetDirectoryName(path))
                if (File.Exists(path)) return path;
            return null;
        }

        public static ErrorRecord Failure(Exception error, string path) =>
            ErrorRecords.Create(error, "OutputNotWritable", ErrorCategory.WriteError, path, $"Cannot write to '{path}': {error.Message}",
                "Choose a folder you can write to (-Path), with free space.");
    }
}
