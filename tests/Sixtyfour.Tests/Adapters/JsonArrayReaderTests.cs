using System.Text;
using System.Text.Json;
using Sixtyfour.Adapters;
using Xunit;

namespace Sixtyfour.Tests.Adapters
{
    public sealed class JsonArrayReaderTests
    {
        /// <summary>The raw text of each element passed on, read <paramref name="bytesPerRead"/> bytes at a time.</summary>
        private static List<string> Read(string json, int bytesPerRead = int.MaxValue)
        {
            var elements = new List<string>();
            JsonArrayReader.Read(new PieceStream([Encoding.UTF8.GetBytes(json)], bytesPerRead), e => elements.Add(e.GetRawText()), CancellationToken.None);
            return elements;
        }

        [Fact]
        public void Elements_of_every_kind_arrive_in_order_with_their_types()
        {
            var elements = new List<(JsonValueKind Kind, string Text)>();
            var json = "[{\"a\":1,\"b\":[true,null]},[1,\"x\"],\"text\",12.50,-3e2,true,false,null,{}]";
            JsonArrayReader.Read(new PieceStream([Encoding.UTF8.GetBytes(json)]), e => elements.Add((e.ValueKind, e.GetRawText())), CancellationToken.None);
            Assert.Equal(
                [
                    (JsonValueKind.Object, "{\"a\":1,\"b\":[true,null]}"),
                    (JsonValueKind.Array, "[1,\"x\"]"),
                    (JsonValueKind.String, "\"text\""),
                    (JsonValueKind.Number, "12.50"),
                    (JsonValueKind.Number, "-3e2"),
                    (JsonValueKind.True, "true"),
                    (JsonValueKind.False, "false"),
                    (JsonValueKind.Null, "null"),
                    (JsonValueKind.Object, "{}"),
                ],
                elements);
        }

        [Fact]
        public void An_element_is_released_once_its_call_returns()
        {
            var kept = new List<JsonElement>();
            JsonArrayReader.Read(new PieceStream([Encoding.UTF8.GetBytes("[{\"a\":1},{\"a\":2}]")]), e =>
            {
                Assert.Equal(kept.Count + 1, e.GetProperty("a").GetInt32());
                kept.Add(e);
            }, CancellationToken.None);
            Assert.Equal(2, kept.Count);
            Assert.All(kept, e => Assert.Throws<ObjectDisposedException>(() => e.ValueKind));
        }

        [Fact]
        public void Elements_larger_than_the_first_buffer_are_read_whole()
        {
            var text = new string('x', 300_000);
            var elements = Read($"[\"{text}\",{{\"big\":\"{text}y\",\"n\":1}},2]");
            Assert.Equal(3, elements.Count);
            Assert.Equal($"\"{text}\"", elements[0]);
            Assert.Equal($"{{\"big\":\"{text}y\",\"n\":1}}", elements[1]);
            Assert.Equal("2", elements[2]);
        }

        [Fact]
        public void Every_token_may_cross_a_read_boundary()
        {
            var json = "\r\n [ {\t\"name\" :\"Ren\\u00e9 日本 \\\"q\\\"\",\n\"n\": 12345678901234567890.123 , \"l\":[ -0.5e-3 ,true,null ] } ,\r\n\t\"s\" , 7 ,[ ] ,{ } ] \n";
            Assert.Equal(
                [
                    "{\t\"name\" :\"Ren\\u00e9 日本 \\\"q\\\"\",\n\"n\": 12345678901234567890.123 , \"l\":[ -0.5e-3 ,true,null ] }",
                    "\"s\"",
                    "7",
                    "[ ]",
                    "{ }",
                ],
                Read(json, bytesPerRead: 1));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(int.MaxValue)]
        public void A_utf8_byte_order_mark_is_skipped(int bytesPerRead)
        {
            Assert.Equal(["{\"a\":1}"], Read("\uFEFF[{\"a\":1}]", bytesPerRead));
        }

        [Theory]
        [InlineData("[]")]
        [InlineData(" \r\n\t[ \n ]\n\t \r\n")]
        [InlineData("\uFEFF[]")]
        public void An_empty_array_passes_nothing_on_and_whitespace_may_surround_it(string json)
        {
            Assert.Empty(Read(json));
            Assert.Empty(Read(json, bytesPerRead: 1));
        }

        [Theory]
        [InlineData("", 0, "The JSON result is empty: a JSON array was expected.")]
        [InlineData(" \r\n\t", 0, "The JSON result is empty: a JSON array was expected.")]
        [InlineData("\uFEFF", 0, "The JSON result is empty: a JSON array was expected.")]
        [InlineData("{\"a\":[1]}", 0, "The JSON result is not an array: it starts with a JSON Object.")]
        [InlineData(" \"text\"", 0, "The JSON result is not an array: it starts with a JSON String.")]
        [InlineData("42", 0, "The JSON result is not an array: it starts with a JSON Number.")]
        [InlineData("true", 0, "The JSON result is not an array: it starts with a JSON True.")]
        [InlineData("null", 0, "The JSON result is not an array: it starts with a JSON Null.")]
        [InlineData("[", 0, "The JSON result ends before its array is closed: it is cut short after 0 element(s).")]
        [InlineData("[\"abc", 0, "The JSON result ends before its array is closed: it is cut short after 0 element(s).")]
        [InlineData("[12", 0, "The JSON result ends before its array is closed: it is cut short after 0 element(s).")]
        [InlineData("[{\"a\":1}", 1, "The JSON result ends before its array is closed: it is cut short after 1 element(s).")]
        [InlineData("[{\"a\":1},{\"a\":", 1, "The JSON result ends before its array is closed: it is cut short after 1 element(s).")]
        [InlineData("[1,2, ", 2, "The JSON result ends before its array is closed: it is cut short after 2 element(s).")]
        [InlineData("[{\"a\":1}] x", 1, "The JSON result goes on after its array is closed: only whitespace may follow the closing ']'.")]
        [InlineData("[][]", 0, "The JSON result goes on after its array is closed: only whitespace may follow the closing ']'.")]
        [InlineData("[1]\n]", 1, "The JSON result goes on after its array is closed: only whitespace may follow the closing ']'.")]
        public void A_result_that_is_not_one_whole_array_is_refused_after_the_elements_before_the_fault(string json, int before, string message)
        {
            foreach (var bytesPerRead in new[] { int.MaxValue, 1 })
            {
                var elements = new List<string>();
                var error = Assert.Throws<InvalidDataException>(() => JsonArrayReader.Read(
                    new PieceStream([Encoding.UTF8.GetBytes(json)], bytesPerRead), e => elements.Add(e.GetRawText()), CancellationToken.None));
                Assert.Equal(message, error.Message);
                Assert.Equal(before, elements.Count);
            }
        }

        public static TheoryData<string, int> Malformed => new()
        {
            { "[{\"a\":1},{oops}]", 1 },
            { "[1 2]", 1 },
            { "[1,]", 1 },
            { "[\"a\" : 1]", 1 },
            { "[tru]", 0 },
            { "[\"a\"\n,\n\"b\nc\"]", 1 },
            { new string('[', 65) + new string(']', 65), 0 },
        };

        [Theory]
        [MemberData(nameof(Malformed))]
        public void Malformed_json_is_refused_with_the_parsers_message_and_position(string json, int before)
        {
            var messages = new List<string>();
            foreach (var bytesPerRead in new[] { int.MaxValue, 1 })
            {
                var elements = new List<string>();
                var error = Assert.Throws<InvalidDataException>(() => JsonArrayReader.Read(
                    new PieceStream([Encoding.UTF8.GetBytes(json)], bytesPerRead), e => elements.Add(e.GetRawText()), CancellationToken.None));
                var inner = Assert.IsAssignableFrom<JsonException>(error.InnerException);
                Assert.Equal("The JSON result is not valid JSON: " + inner.Message, error.Message);
                Assert.Equal(before, elements.Count);
                messages.Add(error.Message);
            }
            // The position in the message counts from the start of the result, however the reads split it.
            Assert.Equal(messages[0], messages[1]);
        }

        [Fact]
        public void An_element_of_the_deepest_nesting_allowed_is_read()
        {
            var nested = new string('[', 63) + new string(']', 63);
            Assert.Equal([nested], Read($"[{nested}]"));
        }

        [Fact]
        public void Cancelling_stops_before_the_next_element()
        {
            using var cancel = new CancellationTokenSource();
            var elements = new List<string>();
            Assert.Throws<OperationCanceledException>(() => JsonArrayReader.Read(
                new PieceStream([Encoding.UTF8.GetBytes("[{\"a\":1},{\"a\":2},{\"a\":3}]")]),
                e => { elements.Add(e.GetRawText()); cancel.Cancel(); }, cancel.Token));
            Assert.Equal(["{\"a\":1}"], elements);

            elements.Clear();
            Assert.Throws<OperationCanceledException>(() => JsonArrayReader.Read(
                new PieceStream([Encoding.UTF8.GetBytes("[{\"a\":1}]")]), e => elements.Add(e.GetRawText()), cancel.Token));
            Assert.Empty(elements);
        }

        [Fact]
        public async Task Only_blocking_reads_are_used()
        {
            var stream = new PieceStream([Encoding.UTF8.GetBytes("[{\"a\":1},{\"a\":2}]")], bytesPerRead: 3);
            await Assert.ThrowsAsync<NotSupportedException>(() => stream.ReadAsync(new byte[1], 0, 1));
            var elements = new List<string>();
            JsonArrayReader.Read(stream, e => elements.Add(e.GetRawText()), CancellationToken.None);
            Assert.Equal(["{\"a\":1}", "{\"a\":2}"], elements);
            Assert.True(stream.Reads > 1);
        }

        [Fact]
        public void Many_small_elements_are_read_in_order_with_a_buffer_that_stays_small()
        {
            const int Count = 200_000;
            var stream = new PieceStream(Rows(Count), bytesPerRead: 16 * 1024);
            var next = 0;
            JsonArrayReader.Read(stream, e =>
            {
                Assert.Equal(next, e.GetProperty("i").GetInt32());
                Assert.Equal($"row {next}", e.GetProperty("name").GetString());
                next++;
            }, CancellationToken.None);
            Assert.Equal(Count, next);
            // Megabytes went through a buffer the size of a read or two.
            Assert.True(stream.BytesRead > 4_000_000, $"{stream.BytesRead} bytes read");
            Assert.True(stream.LargestRequest <= 128 * 1024, $"A read asked for {stream.LargestRequest} bytes.");
        }

        /// <summary>An array of <paramref name="count"/> rows, made as it is read.</summary>
        private static IEnumerable<byte[]> Rows(int count)
        {
            yield return "["u8.ToArray();
            for (var i = 0; i < count; i++)
                yield return Encoding.UTF8.GetBytes($"{(i == 0 ? "" : ",")}\n  {{\"i\": {i}, \"name\": \"row {i}\"}}");
            yield return "\n]\n"u8.ToArray();
        }
    }
}
