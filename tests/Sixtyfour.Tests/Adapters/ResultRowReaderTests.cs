using System.Management.Automation;
using System.Text;
using Sixtyfour.Adapters;
using Xunit;

namespace Sixtyfour.Tests.Adapters
{
    public sealed class ResultRowReaderTests
    {
        private static List<PSObject> Read(string format, string text)
        {
            var rows = new List<PSObject>();
            ResultRowReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), format, rows.Add, null, CancellationToken.None);
            return rows;
        }

        [Fact]
        public void Csv_rows_keep_quotes_commas_newlines_empty_strings_and_non_ascii()
        {
            var rows = Read("csv", "name,notes,email\r\n\"Analytical Engines, Ltd.\",\"Wrote \"\"the first\"\"\nline two\",\r\nRené 日本,,x@y.z\r\n");
            Assert.Equal(2, rows.Count);
            Assert.Equal("Analytical Engines, Ltd.", rows[0].Properties["name"].Value);
            Assert.Equal("Wrote \"the first\"\nline two", rows[0].Properties["notes"].Value);
            Assert.Equal("", rows[0].Properties["email"].Value);
            Assert.Equal("René 日本", rows[1].Properties["name"].Value);
            Assert.Equal(new[] { "name", "notes", "email" }, rows[1].Properties.Select(p => p.Name));
        }

        [Fact]
        public void Ndjson_rows_keep_types_and_order()
        {
            var rows = Read("ndjson", "{\"b\":1,\"a\":2.5,\"t\":true,\"n\":null,\"o\":{\"c\":\"x\"},\"l\":[1,\"y\"]}\n\n{\"b\":9007199254740993}\n");
            Assert.Equal(2, rows.Count);
            Assert.Equal(new[] { "b", "a", "t", "n", "o", "l" }, rows[0].Properties.Select(p => p.Name));
            Assert.Equal(1L, rows[0].Properties["b"].Value);
            Assert.Equal(2.5, rows[0].Properties["a"].Value);
            Assert.Equal(true, rows[0].Properties["t"].Value);
            Assert.Null(rows[0].Properties["n"].Value);
            Assert.Equal("x", ((PSObject)rows[0].Properties["o"].Value).Properties["c"].Value);
            Assert.Equal(new object[] { 1L, "y" }, (object[])rows[0].Properties["l"].Value);
            Assert.Equal(9007199254740993L, rows[1].Properties["b"].Value);
        }

        [Fact]
        public void Csv_rows_of_one_header_share_one_generated_class_and_short_rows_get_nulls()
        {
            var rows = Read("csv", "a,b,c\n1,2,3\n4\n");
            Assert.Equal(rows[0].BaseObject.GetType(), rows[1].BaseObject.GetType());
            Assert.IsNotType<PSCustomObject>(rows[0].BaseObject);
            Assert.Equal(new object?[] { "4", null, null }, rows[1].Properties.Select(p => p.Value));
        }

        [Theory]
        [InlineData("email,name,Email\nx@y.z,Ada,X@Y.Z\n", "The CSV result has two columns named 'Email' (ignoring case); a row can hold only one of them.")]
        [InlineData("id,id\n1,2\n", "The CSV result has two columns named 'id' (ignoring case); a row can hold only one of them.")]
        public void A_csv_header_a_row_cannot_stand_for_is_refused_before_any_row(string text, string message)
        {
            // A data error (the command goes on with its other input), and never a row that silently lost a column.
            var rows = new List<PSObject>();
            var error = Assert.Throws<InvalidDataException>(() =>
                ResultRowReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "csv", rows.Add, null, CancellationToken.None));
            Assert.Equal(message, error.Message);
            Assert.Empty(rows);
        }

        [Fact]
        public void Csv_columns_without_a_name_are_named_as_Import_Csv_names_them_and_said_so()
        {
            var rows = new List<PSObject>();
            var warnings = new List<string>();
            ResultRowReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(",name,\n0,Ada,x\n")), "csv", rows.Add, warnings.Add, CancellationToken.None);
            var row = Assert.Single(rows);
            Assert.Equal(new[] { "H1", "name", "H2" }, row.Properties.Select(p => p.Name));
            Assert.Equal(new object[] { "0", "Ada", "x" }, row.Properties.Select(p => p.Value));
            Assert.Equal("Column(s) 1 (H1), 3 (H2) of the CSV result have no name; they are named H1, H2… as Import-Csv names them.", Assert.Single(warnings));
            // A header with every name says nothing.
            warnings.Clear();
            ResultRowReader.Read(new MemoryStream(Encoding.UTF8.GetBytes("a\n1\n")), "csv", rows.Add, warnings.Add, CancellationToken.None);
            Assert.Empty(warnings);
        }

        [Fact]
        public void Csv_cells_beyond_the_header_are_dropped_and_an_empty_file_has_no_rows()
        {
            var row = Assert.Single(Read("csv", "a,b\n1,2,3\n"));
            Assert.Equal(new object?[] { "1", "2" }, row.Properties.Select(p => p.Value));
            Assert.Empty(Read("csv", ""));
        }

        [Fact]
        public void An_unknown_format_is_refused()
        {
            var error = Assert.Throws<ArgumentException>(() => Read("xml", "<a/>"));
            Assert.Equal("format", error.ParamName);
            Assert.StartsWith("Unknown result format 'xml'.", error.Message);
        }

        public static TheoryData<string, string, string> ByteOrderMarks => new()
        {
            { "csv", "utf-8", "name\nAda\n" },
            { "csv", "utf-16", "name\nAda\n" },
            { "ndjson", "utf-8", "{\"name\":\"Ada\"}\n" },
            { "ndjson", "utf-16", "{\"name\":\"Ada\"}\n" },
        };

        [Theory]
        [MemberData(nameof(ByteOrderMarks))]
        public void Text_is_utf8_unless_a_byte_order_mark_says_otherwise(string format, string encoding, string text)
        {
            var coding = Encoding.GetEncoding(encoding);
            var rows = new List<PSObject>();
            ResultRowReader.Read(new MemoryStream([.. coding.GetPreamble(), .. coding.GetBytes(text)]), format, rows.Add, null, CancellationToken.None);
            var row = Assert.Single(rows);
            Assert.Equal("name", Assert.Single(row.Properties).Name);
            Assert.Equal("Ada", row.Properties["name"].Value);
        }

        [Theory]
        [InlineData("csv", "a\n1\n2\n3\n")]
        [InlineData("ndjson", "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n")]
        public void Cancelling_stops_before_the_next_row(string format, string text)
        {
            using var cancel = new CancellationTokenSource();
            var rows = new List<PSObject>();
            Assert.ThrowsAny<OperationCanceledException>(() => ResultRowReader.Read(
                new MemoryStream(Encoding.UTF8.GetBytes(text)), format, row => { rows.Add(row); cancel.Cancel(); }, null, cancel.Token));
            Assert.Single(rows);
        }

        [Fact]
        public void Blank_ndjson_lines_are_skipped_and_still_counted()
        {
            var rows = Read("ndjson", "{\"a\":1}\n\n  \t \n{\"a\":2}\n");
            Assert.Equal(new object[] { 1L, 2L }, rows.Select(r => r.Properties["a"].Value));
            var error = Assert.Throws<InvalidDataException>(() => Read("ndjson", "{\"a\":1}\n \n\n{oops\n"));
            Assert.StartsWith("Line 4 of the NDJSON result is not JSON: ", error.Message);
        }

        [Theory]
        [InlineData("ndjson", "[1,2]\n", "A result row is a JSON Array, not an object.")]
        [InlineData("json", "[{\"a\":1},\"text\"]", "A result row is a JSON String, not an object.")]
        public void A_row_that_is_not_an_object_is_refused(string format, string text, string message)
        {
            var error = Assert.Throws<InvalidDataException>(() => Read(format, text));
            Assert.Equal(message, error.Message);
        }

        /// <summary>
        /// Rows are read on the pipeline thread, which must never wait for an asynchronous read to come back there:
        /// every format reads with blocking calls only, in chunks of any size.
        /// </summary>
        [Theory]
        [InlineData("csv", "a\n1\n2\n")]
        [InlineData("ndjson", "{\"a\":1}\n{\"a\":2}\n")]
        [InlineData("json", "[{\"a\":1},{\"a\":2}]")]
        public void Every_format_reads_with_blocking_calls_only(string format, string text)
        {
            var rows = new List<PSObject>();
            ResultRowReader.Read(new PieceStream([Encoding.UTF8.GetBytes(text)], bytesPerRead: 3), format, rows.Add, null, CancellationToken.None);
            Assert.Equal(2, rows.Count);
        }

        [Theory]
        [InlineData("ndjson", "{\"n\":12345678901234567890.123,\"w\":12345678901234567890,\"r\":0.1}\n")]
        [InlineData("json", "[{\"n\":12345678901234567890.123,\"w\":12345678901234567890,\"r\":0.1}]")]
        public void Large_numbers_keep_every_digit(string format, string text)
        {
            var row = (Read(format, text)).Single();
            Assert.Equal(12345678901234567890.123m, row.Properties["n"].Value);
            Assert.Equal(12345678901234567890m, row.Properties["w"].Value);
            Assert.Equal(0.1, row.Properties["r"].Value);
        }

        [Fact]
        public void A_json_array_is_streamed_row_by_row()
        {
            var rows = Read("json", "[{\"a\":1},{\"a\":2}]");
            Assert.Equal(new object[] { 1L, 2L }, rows.Select(r => r.Properties["a"].Value));
        }

        [Fact]
        public void A_line_that_is_not_json_is_reported_with_its_number()
        {
            var error = Assert.Throws<InvalidDataException>(() => Read("ndjson", "{\"a\":1}\n{oops\n"));
            Assert.Contains("Line 2", error.Message);
        }
    }
}
