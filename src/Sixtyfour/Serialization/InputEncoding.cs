using System;
using System.Globalization;
using System.Text;

namespace Sixtyfour.Serialization
{
    /// <summary>The names -Encoding takes, as PowerShell's own cmdlets take them, plus any .NET encoding name or code page.</summary>
    internal static class InputEncoding
    {
        /// <summary>The encoding <paramref name="name"/> stands for; an ArgumentException names the ones to use.</summary>
        public static Encoding Parse(string name)
        {
            switch (name.Trim().Replace("-", string.Empty).ToLowerInvariant())
            {
                case "utf8": case "utf8bom": case "utf8nobom": return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
                case "unicode": case "utf16": case "utf16le": return Encoding.Unicode;
                case "bigendianunicode": case "utf16be": return Encoding.BigEndianUnicode;
                case "utf32": return Encoding.UTF32;
                case "bigendianutf32": return new UTF32Encoding(bigEndian: true, byteOrderMark: true);
                case "ascii": return Encoding.ASCII;
                case "latin1": return Encoding.GetEncoding(28591);
            }
            try
            {
                return int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var codePage) ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(name.Trim());
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException)
            {
                throw new ArgumentException($"'{name}' is not an encoding this system knows. Use utf8, unicode, bigendianunicode, utf32, ascii, latin1, windows-1252 or a code page number.", nameof(name), e);
            }
        }

        /// <summary>True when the file must be converted on its way: the API reads UTF-8 (a UTF-8 byte order mark is fine).</summary>
        public static bool NeedsTranscoding(Encoding? encoding) => encoding != null && encoding.CodePage != Encoding.UTF8.CodePage;
    }
}
