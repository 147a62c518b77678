using System.IO;
using System.Text;

namespace Sixtyfour.Serialization
{
    /// <summary>
    /// Checks an input file before it is sent: the API reads UTF-8, and a file in another encoding would arrive with
    /// its accented letters silently replaced. One streaming pass, constant memory.
    /// </summary>
    public static class TextFileCheck
    {
        /// <summary>What is wrong with the file, or null when it is non-empty UTF-8 text.</summary>
        public static string? Problem(string path)
        {
            var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
            var decoder = strict.GetDecoder();
            var bytes = new byte[81920];
            var chars = new char[strict.GetMaxCharCount(bytes.Length)];
            long total = 0;
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bytes.Length, FileOptions.SequentialScan);
            try
            {
                int read;
                while ((read = file.Read(bytes, 0, bytes.Length)) > 0)
                {
                    for (var i = 0; i < read; i++)
                        if (bytes[i] == 0) return "holds NUL bytes: it is not a text file";
                    decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
                    total += read;
                }
                decoder.GetChars(bytes, 0, 0, chars, 0, flush: true);
            }
            catch (DecoderFallbackException e)
            {
                return $"is not UTF-8 text (byte 0x{(e.BytesUnknown?.Length > 0 ? e.BytesUnknown[0] : 0):X2} near offset {total + e.Index})";
            }
            return total == 0 ? "is empty" : null;
        }
    }
}
