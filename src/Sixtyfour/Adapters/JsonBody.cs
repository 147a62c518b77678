using System.IO;
using System.Text;
using System.Text.Json;
using Sixtyfour.Serialization;

namespace Sixtyfour.Adapters
{
    /// <summary>Small request bodies built from PowerShell values.</summary>
    internal static class JsonBody
    {
        public static string Serialize(object? value)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, SixtyfourJson.WriterOptions)) PowerShellJsonWriter.WriteValue(writer, value);
            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }
}
