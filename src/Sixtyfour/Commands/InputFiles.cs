using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;
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
        /// <summary>
        /// Input files for runs and uploads: the types POST /storage/csv/upload accepts, readable in
        /// <paramref name="encoding"/> (UTF-8 when null), with rows, by the rules piped records meet.
        /// </summary>
        public static IEnumerable<string> Resolve(PSCmdlet cmdlet, IEnumerable<string> paths, bool literal, Encoding? encoding = null) =>
            Resolve(cmdlet, paths, literal, SixtyfourApi.UploadTypes.Keys, "a type the API accepts", encoding);

        public static IEnumerable<string> Resolve(PSCmdlet cmdlet, IEnumerable<string> paths, bool literal, IEnumerable<string> extensions, string what,
            Encoding? encoding = null)
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
                    if (InputFileCheck.Problem(file, encoding) is InputFileProblem problem)
                    {
                        cmdlet.WriteError(ErrorRecords.Create(problem.ErrorId,
                            problem.ErrorId == InputFileCheck.NoInputRecords ? ErrorCategory.InvalidArgument : ErrorCategory.InvalidData, file, problem.Message, problem.Advice));
                        continue;
                    }
                    yield return file;
                }
            }
        }

        /// <summary>
        /// Piped records that hold U+FFFD were almost always read from a file in the wrong encoding: they are sent as
        /// they are (the character may be real), with one word about it per run: null when there is nothing to say.
        /// </summary>
        public static string? ReplacementCharactersWarning(long withReplacement, long total)
        {
            if (withReplacement == 0) return null;
            return $"{withReplacement} of the {total} record(s) sent hold U+FFFD (\uFFFD), the mark of text read in the wrong encoding. "
                + "If they came from Import-Csv, read the file with its own encoding (Import-Csv -Encoding windows-1252, for example), or send the file itself with -Path and -Encoding.";
        }

        /// <summary>The encoding -Encoding names (null when it was not given); an unknown name ends the command before anything is sent.</summary>
        public static Encoding? EncodingOf(PSCmdlet cmdlet, string? name)
        {
            if (name is null) return null;
            try
            {
                return InputEncoding.Parse(name);
            }
            catch (System.ArgumentException e)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.Create(e, "InvalidEncoding", ErrorCategory.InvalidArgument, name, e.Message,
                    "Name the file's encoding as Get-Content -Encoding takes it, or leave -Encoding out for UTF-8."));
                return null;
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
