using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using Sixtyfour.Serialization;

namespace Sixtyfour.Adapters
{
    /// <summary>
    /// Builds the body of POST /workflows/run record by record in a temporary file, so piping a million rows costs
    /// disk, not memory, and a retried request can send the same bytes again.
    /// </summary>
    internal sealed class PayloadSpool : IDisposable
    {
        private readonly FileStream _file;
        private readonly Utf8JsonWriter _writer;
        private readonly RecordSerializer _records = new RecordSerializer();
        private bool _sealed;

        public PayloadSpool(object? specsOverride)
        {
            _file = new FileStream(Path.Combine(Path.GetTempPath(), $"sixtyfour-{Guid.NewGuid():N}.json"), FileMode.CreateNew, FileAccess.ReadWrite,
                FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
            _writer = new Utf8JsonWriter(_file, SixtyfourJson.WriterOptions);
            _writer.WriteStartObject();
            if (specsOverride != null)
            {
                _writer.WritePropertyName("specs_override");
                PowerShellJsonWriter.WriteValue(_writer, specsOverride);
            }
            _writer.WriteStartArray("webhook_payload");
        }

        public long Count { get; private set; }

        /// <summary>Records that held U+FFFD (see <see cref="RecordSerializer.LastHadReplacementCharacter"/>).</summary>
        public long RecordsWithReplacementCharacters { get; private set; }

        public void Add(object? record)
        {
            if (_sealed) throw new InvalidOperationException("The payload has been sent.");
            _writer.WriteRawValue(_records.Serialize(record), skipInputValidation: true);
            Count++;
            if (_records.LastHadReplacementCharacter) RecordsWithReplacementCharacters++;
            // Flushing now and then keeps the writer's buffer small while rows keep coming.
            if (_writer.BytesPending > 64 * 1024) _writer.Flush();
        }

        /// <summary>Ends the JSON; from here on the spool only hands out request bodies.</summary>
        public Func<HttpContent> Seal()
        {
            if (!_sealed)
            {
                _writer.WriteEndArray();
                _writer.WriteEndObject();
                _writer.Flush();
                _sealed = true;
            }
            return () => new SpoolContent(_file);
        }

        public void Dispose()
        {
            _records.Dispose();
            _writer.Dispose();
            _file.Dispose();
        }

        private sealed class SpoolContent : HttpContent
        {
            private readonly FileStream _file;

            public SpoolContent(FileStream file)
            {
                _file = file;
                Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            }

            protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
            {
                _file.Position = 0;
                await _file.CopyToAsync(stream, 81920).ConfigureAwait(false);
            }

            protected override bool TryComputeLength(out long length)
            {
                length = _file.Length;
                return true;
            }
        }
    }
}
