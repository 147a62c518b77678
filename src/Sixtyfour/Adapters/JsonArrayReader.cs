using System;
using System.IO;
using System.Text.Json;
using System.Threading;

namespace Sixtyfour.Adapters
{
    /// <summary>
    /// Reads a JSON array element by element with blocking reads, for the pipeline thread, where
    /// JsonSerializer.DeserializeAsyncEnumerable can only be awaited. A result file is one array of rows, up to
    /// gigabytes: only one read buffer and the element being parsed are ever in memory.
    /// </summary>
    internal static class JsonArrayReader
    {
        private const int InitialBufferSize = 64 * 1024;

        /// <summary>
        /// Calls <paramref name="onElement"/> for each top-level element of the JSON array in <paramref name="body"/>, in
        /// order; the element is valid only during the call. Any content that is not such an array, cut short, followed by
        /// more than whitespace or not JSON is an <see cref="InvalidDataException"/>.
        /// </summary>
        public static void Read(Stream body, Action<JsonElement> onElement, CancellationToken cancellationToken)
        {
            var input = new Input(body);
            input.SkipByteOrderMark();
            FindArrayStart(input);
            var count = 0L;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var element = NextElement(input, count);
                if (element is null) break;
                onElement(element.RootElement);
                count++;
            }
            input.EnsureOnlyWhitespaceLeft();
        }

        /// <summary>Reads up to and including the array's '['.</summary>
        private static void FindArrayStart(Input input)
        {
            try
            {
                while (true)
                {
                    if (input.AtEnd && Input.IsWhitespace(input.Unread))
                        throw new InvalidDataException("The JSON result is empty: a JSON array was expected.");
                    var reader = input.Reader(input.AtEnd);
                    var found = reader.Read();
                    input.Consume(ref reader);
                    if (found)
                    {
                        if (reader.TokenType == JsonTokenType.StartArray) return;
                        throw new InvalidDataException($"The JSON result is not an array: it starts with a JSON {KindOf(reader.TokenType)}.");
                    }
                    input.Refill();
                }
            }
            catch (JsonException e) { throw NotJson(e); }
        }

        /// <summary>The next element of the array, parsed whole, or null after its ']'.</summary>
        private static JsonDocument? NextElement(Input input, long count)
        {
            try
            {
                while (true)
                {
                    // Never the final block: an element cut short by the buffer's end then reads as incomplete, not as an
                    // error; an element is always followed by ',' or ']', so no number waits for the final block to end.
                    var reader = input.Reader(isFinalBlock: false);
                    if (reader.Read())
                    {
                        if (reader.TokenType == JsonTokenType.EndArray)
                        {
                            input.Consume(ref reader);
                            return null;
                        }
                        // False while the element is not all in the buffer: nothing is consumed, and it is parsed again
                        // from its first byte once more of it has been read.
                        if (JsonDocument.TryParseValue(ref reader, out var element))
                        {
                            input.Consume(ref reader);
                            return element;
                        }
                    }
                    else
                    {
                        input.Consume(ref reader);
                    }
                    if (input.AtEnd)
                        throw new InvalidDataException($"The JSON result ends before its array is closed: it is cut short after {count} element(s).");
                    input.Refill();
                }
            }
            catch (JsonException e) { throw NotJson(e); }
        }

        private static InvalidDataException NotJson(JsonException e) =>
            new InvalidDataException($"The JSON result is not valid JSON: {e.Message}", e);

        private static string KindOf(JsonTokenType token) => token switch
        {
            JsonTokenType.StartObject => nameof(JsonValueKind.Object),
            JsonTokenType.String => nameof(JsonValueKind.String),
            JsonTokenType.Number => nameof(JsonValueKind.Number),
            JsonTokenType.True => nameof(JsonValueKind.True),
            JsonTokenType.False => nameof(JsonValueKind.False),
            _ => nameof(JsonValueKind.Null),
        };

        /// <summary>The bytes read and not yet parsed, at the front of a buffer that grows only when one element does not fit.</summary>
        private sealed class Input(Stream body)
        {
            private byte[] _buffer = new byte[InitialBufferSize];
            private int _start;
            private int _end;
            private JsonReaderState _state;

            /// <summary>Whether the stream has ended: what is unread is all there is.</summary>
            public bool AtEnd { get; private set; }

            public ReadOnlySpan<byte> Unread => new ReadOnlySpan<byte>(_buffer, _start, _end - _start);

            /// <summary>A reader over the unread bytes that goes on where the last one consumed up to.</summary>
            public Utf8JsonReader Reader(bool isFinalBlock) => new Utf8JsonReader(Unread, isFinalBlock, _state);

            public void Consume(ref Utf8JsonReader reader)
            {
                _start += checked((int)reader.BytesConsumed);
                _state = reader.CurrentState;
            }

            /// <summary>
            /// Reads until the unread bytes have doubled, the buffer is full or the stream ends. A read over TLS gives at
            /// most 16 KB: retrying a large element after each read would parse it again and again from its start.
            /// </summary>
            public void Refill()
            {
                var unread = _end - _start;
                if (_start > 0) Buffer.BlockCopy(_buffer, _start, _buffer, 0, unread);
                else if (unread == _buffer.Length) Array.Resize(ref _buffer, checked(_buffer.Length * 2));
                _start = 0;
                _end = unread;
                var wanted = Math.Min(Math.Max(1, 2 * unread), _buffer.Length);
                while (_end < wanted)
                {
                    var read = body.Read(_buffer, _end, _buffer.Length - _end);
                    if (read == 0)
                    {
                        AtEnd = true;
                        return;
                    }
                    _end += read;
                }
            }

            /// <summary>As System.Text.Json does for a stream: a UTF-8 byte order mark is not part of the JSON.</summary>
            public void SkipByteOrderMark()
            {
                while (!AtEnd && _end < 3) Refill();
                if (_end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF) _start = 3;
            }

            public void EnsureOnlyWhitespaceLeft()
            {
                while (true)
                {
                    if (!IsWhitespace(Unread))
                        throw new InvalidDataException("The JSON result goes on after its array is closed: only whitespace may follow the closing ']'.");
                    _start = _end;
                    if (AtEnd) return;
                    Refill();
                }
            }

            public static bool IsWhitespace(ReadOnlySpan<byte> bytes)
            {
                foreach (var b in bytes)
                {
                    if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\n') return false;
                }
                return true;
            }
        }
    }
}
