using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using Sixtyfour.Client;
using Sixtyfour.Serialization;

namespace Sixtyfour.Commands
{
    /// <summary>
    /// Resolves -Path/-LiteralPath to existing files of the accepted types, as PowerShell's own cmdlets do: -Path is a
    /// wildcard pattern and every match counts, -LiteralPath is taken as written. Writes an error for each path that
    /// finds nothing and each file that cannot be used, so nothing given is skipped in silence.
    /// </summary>
    internal static class InputFiles
    {
        /// <summary>Input files for runs and uploads: the types POST /storage/csv/upload accepts.</summary>
        public static IEnumerable<string> Resolve(PSCmdlet cmdlet, IEnumerable<string> paths, bool literal) =>
            Resolve(cmdlet, paths, literal, SixtyfourApi.UploadTypes.Keys, "a type the API accepts");

        public static IEnumerable<string> Resolve(PSCmdlet cmdlet, IEnumerable<string> paths, bool literal, IEnumerable<string> extensions, string what)
        {
            var accepted = new HashSet<string>(extensions, System.StringComparer.OrdinalIgnoreCase);
            foreach (var path in paths)
            {
                foreach (var file in Expand(cmdlet, path, literal))
                {
                    if (!File.Exists(file))
                    {
                        cmdlet.WriteError(ErrorRecords.Create(new FileNotFoundException(null, file), "FileNotFound", ErrorCategory.ObjectNotFound, file,
                            $"'{file}' is not a file.", "Check the path."));
                        continue;
                    }
                    if (!accepted.Contains(System.IO.Path.GetExtension(file)))
                    {
                        cmdlet.WriteError(ErrorRecords.Create("UnsupportedFileType", ErrorCategory.InvalidType, file,
                            $"'{System.IO.Path.GetFileName(file)}' is not {what}.",
                            $"Use one of {string.Join(", ", accepted)}."));
                        continue;
                    }
                    var problem = TextFileCheck.Problem(file);
                    if (problem != null)
                    {
                        cmdlet.WriteError(ErrorRecords.Create("UnreadableInputFile", ErrorCategory.InvalidData, file, $"'{System.IO.Path.GetFileName(file)}' {problem}.",
                            "Save it as UTF-8 text with at least one row, e.g. Get-Content in.csv -Encoding Latin1 | Set-Content out.csv -Encoding utf8."));
                        continue;
                    }
                    yield return file;
                }
            }
        }

        /// <summary>
        /// The path of a file or folder from Get-ChildItem piped to a cmdlet that also takes records: PowerShell binds
        /// any piped object to the records parameter by value before it tries -LiteralPath by property name, so it
        /// arrives as a record. Null for a record.
        /// </summary>
        public static string? Piped(PSObject? input) => input?.BaseObject is FileSystemInfo item ? item.FullName : null;

        /// <summary>The file-system paths <paramref name="path"/> stands for; none, after an error, when it finds nothing.</summary>
        private static IEnumerable<string> Expand(PSCmdlet cmdlet, string path, bool literal)
        {
            try
            {
                if (literal) return new[] { cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path) };
                var matches = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out _);
                if (matches.Count > 0) return matches;
            }
            catch (ItemNotFoundException e)
            {
                cmdlet.WriteError(ErrorRecords.Create(e, "FileNotFound", ErrorCategory.ObjectNotFound, path, e.Message, "Check the path."));
                return System.Array.Empty<string>();
            }
            // A pattern that matches nothing gives no error of its own; '[' and ']' in a name make it a pattern.
            cmdlet.WriteError(ErrorRecords.Create(new ItemNotFoundException($"No file matches '{path}'."), "PathNotFound", ErrorCategory.ObjectNotFound, path,
                $"No file matches '{path}'.",
                path.IndexOfAny(new[] { '[', ']' }) >= 0
                    ? "-Path treats [ and ] as wildcards: for a file whose name holds them, use -LiteralPath (or escape them with `)."
                    : "Check the pattern, or use -LiteralPath for a name taken as written."));
            return System.Array.Empty<string>();
        }
    }
}
