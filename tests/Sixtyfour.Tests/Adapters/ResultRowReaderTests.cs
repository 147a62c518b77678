using System.Management.Automation;
using System.Text;
using Sixtyfour.Adapters;
using Xunit;

namespace Sixtyfour.Tests.Adapters
{
    public sealed class ResultRowReaderTests
    {
        private static async Task<List<PSObject>> Read(string format, string text)
        {
            var rows = new List<PSObject>();
            await ResultRowReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), format, rows.Add, CancellationToken.None);
            return rows;
        }

        [Fact]
        public async Task Csv_rows_keep_quotes_commas_newlines_empty_strings_and_non_ascii()
        {
            var rows = await Read("csv", "name,notes,email\r\n\"Analytical Engines, Ltd.\",\"Wrote \"\"the first\"\"\nline two\",\r\nRené 日本,,x@y.z\r\n");
            Assert.Equal(2, rows.Count);
            Assert.Equal("Analytical Engines, Ltd.", rows[0].Properties["name"].Value);
            Assert.Equal("Wrote \"the first\"\nline two", rows[0].Properties["notes"].Value);
            Assert.Equal("", rows[0].Properties["email"].Value);
            Assert.Equal("René 日本", rows[1].Properties["name"].Value);
            Assert.Equal(new[] { "name", "notes", "email" }, rows[1].Properties.Select(p => p.Name));
        }

        [Fact]
        public async Task Ndjson_rows_keep_types_and_order()
        {
            var rows = await Read("ndjson", "{\"b\":1,\"a\":2.5,\"t\":true,\"n\":null,\"o\":{\"c\":\"x\"},\"l\":[1,\"y\"]}\n\n{\"b\":9007199254740993}\n");
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
        public async Task Csv_rows_of_one_header_share_one_generated_class_and_short_rows_get_nulls()
        {
            var rows = await Read("csv", "a,b,c\n1,2,3\n4\n");
            Assert.Equal(rows[0].BaseObject.GetType(), rows[1].BaseObject.GetType());
            Assert.IsNotType<PSCustomObject>(rows[0].BaseObject);
            Assert.Equal(new object?[] { "4", null, null }, rows[1].Properties.Select(p => p.Value));
        }

        [Theory]
        [InlineData("a,,c\n1,2,3\n", "Column 2 of the CSV result has no name.")]
        [InlineData("email,name,Email\nx@y.z,Ada,X@Y.Z\n", "The CSV result has two columns named 'Email' (ignoring case); a row can hold only one of them.")]
        [InlineData("id,id\n1,2\n", "The CSV result has two columns named 'id' (ignoring case); a row can hold only one of them.")]
        public async Task A_csv_header_a_row_cannot_stand_for_is_refused_before_any_row(string text, string message)
        {
            // A data error (the command goes on with its other input), and never a row that silently lost a column.
            var rows = new List<PSObject>();
            var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
                ResultRowReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), "csv", rows.Add, CancellationToken.None));
            Assert.Equal(message, error.Message);
            Assert.Empty(rows);
        }

        [Theory]
        [InlineData("ndjson", "{\"n\":12345678901234567890.123,\"w\":12345678901234567890,\"r\":0.1}\n")]
        [InlineData("json", "[{\"n\":12345678901234567890.123,\"w\":12345678901234567890,\"r\":0.1}]")]
        public async Task Large_numbers_keep_every_digit(string format, string text)
        {
            var row = (await Read(format, text)).Single();
            Assert.Equal(12345678901234567890.123m, row.Properties["n"].Value);
            Assert.Equal(12345678901234567890m, row.Properties["w"].Value);
            Assert.Equal(0.1, row.Properties["r"].Value);
        }

        [Fact]
        public async Task A_json_array_is_streamed_row_by_row()
        {
            var rows = await Read("json", "[{\"a\":1},{\"a\":2}]");
            Assert.Equal(new object[] { 1L, 2L }, rows.Select(r => r.Properties["a"].Value));
        }

        [Fact]
        public async Task A_line_that_is_not_json_is_reported_with_its_number()
        {
            var error = await Assert.ThrowsAsync<InvalidDataException>(() => Read("ndjson", "{\"a\":1}\n{oops\n"));
            Assert.Contains("Line 2", error.Message);
        }
    }
}
