using System.IO;
using Sixtyfour.Serialization;

namespace Sixtyfour.Csv
{
    /// <summary>Made by name (CsvFieldReader.FactoryTypeName) once Sixtyfour.dll has loaded this assembly.</summary>
    internal sealed class CsvHelperFieldReaderFactory : ICsvFieldReaderFactory
    {
        public ICsvFieldReader Open(TextReader reader, int bufferSize) => new CsvHelperFieldReader(reader, bufferSize);
    }
}
