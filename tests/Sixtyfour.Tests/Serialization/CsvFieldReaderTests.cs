using Sixtyfour.Serialization;
using Xunit;

namespace Sixtyfour.Tests.Serialization
{
    /// <summary>The parser the module loads from Sixtyfour.Csv.dll, held to what ICsvFieldReader promises.</summary>
    public sealed class CsvFieldReaderTests
    {
        private static List<string[]> Records(string text, int bufferSize = 1024)
        {
            var records = new List<string[]>();
            using var csv = CsvFieldReader.Open(new StringReader(text), bufferSize);
            while (csv.Read())
                records.Add(Enumerable.Range(0, csv.Count).Select(i => csv[i]).ToArray());
            return records;
        }

        [Fact]
        public void Fields_keep_quotes_commas_and_newlines_as_in_rfc_4180()
        {
            var records = Records("name,notes\r\n\"Engines, Ltd.\",\"said \"\"hi\"\"\r\nthen left\"\r\n,\r\n");

            Assert.Equal(3, records.Count);
            Assert.Equal(new[] { "Engines, Ltd.", "said \"hi\"\r\nthen left" }, records[1]);
            Assert.Equal(new[] { "", "" }, records[2]);
        }

        [Fact]
        public void A_bad_quote_is_kept_as_text_and_only_commas_separate()
        {
            // A guessed delimiter could split a one-column file on its text; a stray quote is data, not an error.
            Assert.Equal(new[] { new[] { "a;b", "say 5\" please" } }, Records("a;b,say 5\" please\n"));
        }

        [Fact]
        public void A_buffer_smaller_than_a_field_reads_the_same()
        {
            var text = "id,text\n1," + new string('x', 100) + "\n2,\"" + new string('y', 50) + ",\n" + new string('z', 50) + "\"\n";
            Assert.Equal(Records(text), Records(text, bufferSize: 4));
            Assert.Equal(new string('y', 50) + ",\n" + new string('z', 50), Records(text, bufferSize: 4)[2][1]);
        }

        [Fact]
        public void Record_is_a_new_array_and_the_reader_stays_open()
        {
            var reader = new StringReader("a,b\n1,2\n");
            string[] header;
            using (var csv = CsvFieldReader.Open(reader, 16))
            {
                Assert.True(csv.Read());
                header = csv.Record;
                Assert.True(csv.Read());
                Assert.Equal(new[] { "1", "2" }, csv.Record);
                Assert.False(csv.Read());
            }

            Assert.Equal(new[] { "a", "b" }, header);
            Assert.Equal(-1, reader.Peek());
        }

        [Fact]
        public void A_parser_assembly_without_the_factory_is_reported_by_the_type_name()
        {
            // As when a Sixtyfour.Csv.dll of another build is found beside Sixtyfour.dll.
            var error = Assert.Throws<TypeLoadException>(() => CsvFieldReader.FactoryIn(typeof(CsvFieldReaderTests).Assembly));
            Assert.Contains(CsvFieldReader.FactoryTypeName, error.Message);
        }
    }
}
