using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using Sixtyfour.Client;

namespace Sixtyfour.Commands
{
    /// <summary>Resolves -Path/-LiteralPath to existing files of a type the upload endpoint accepts, writing an error for each one that is not.</summary>
    internal static class InputFiles
    {
        public static IEnumerable<string> Resolve(PSCmdlet cmdlet, IEnumerable<string> paths, bool literal)
        {
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
                    if (!SixtyfourApi.UploadTypes.ContainsKey(System.IO.Path.GetExtension(file)))
                    {
                        cmdlet.WriteError(ErrorRecords.Create("UnsupportedFileType", ErrorCategory.InvalidType, file,
                            $"'{System.IO.Path.GetFileName(file)}' is not a type the API accepts.",
                            $"Use one of {string.Join(", ", SixtyfourApi.UploadTypes.Keys)}."));
                        continue;
                    }
                    yield return file;
                }
            }
        }
    }
}
