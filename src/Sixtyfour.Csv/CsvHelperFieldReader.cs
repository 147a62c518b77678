using System.Globalization;
using System.IO;
using CsvHelper;
using CsvHelper.Configuration;
using Sixtyfour.Serialization;

namespace Sixtyfour.Csv
{
    /// <summary>CsvHelper's parser alone: raw fields, without CsvReader's per-field type-conversion machinery.</summary>
    internal sealed class CsvHelperFieldReader : ICsvFieldReader
    {
        private readonly CsvParser _parser;

        public CsvHelperFieldReader(TextReader reader, int bufferSize)
        {
            var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                // Commas, as the API writes and reads; a guessed delimiter could split a one-column file on its text.
                DetectDelimiter = false,
                BadDataFound = null,
                BufferSize = bufferSize,
            };
            _parser = new CsvParser(reader, configuration, leaveOpen: true);
        }

        public bool Read() => _parser.Read();

        public string[] Record => _parser.Record ?? System.Array.Empty<string>();

        public int Count => _parser.Count;

        public string this[int index] => _parser[index];

        public void Dispose() => _parser.Dispose();
    }
}
