using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using Sixtyfour.Client;
using Sixtyfour.Serialization;

namespace Sixtyfour.Commands
{
    /// <summary>Resolves -Path/-LiteralPath to existing files of the accepted types, writing an error for each one that is not.</summary>
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
                IEnumerable<string> resolved;
                try
                {
                    resolved = literal
                        ? new[] { cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path) }
                        : cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out _);
                }
                catch (ItemNotFoundException e)
                {
                    cmdlet.WriteError(ErrorRecords.Create(e, "FileNotFound", ErrorCategory.ObjectNotFound, path, e.Message, "Check the path."));
                    continue;
                }
                foreach (var file in resolved)
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
    }
}
