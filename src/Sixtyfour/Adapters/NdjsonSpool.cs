using System;
using System.IO;

namespace Sixtyfour.Adapters
{
    /// <summary>Piped records written as an NDJSON file, one line each, for endpoints that take a file (Bulk Intelligence).</summary>
    internal sealed class NdjsonSpool : IDisposable
    {
        private readonly RecordSerializer _records = new RecordSerializer();
        private readonly FileStream _file;

        public NdjsonSpool()
        {
            // The folder is the spool's own, so the file can carry a plain name the server sees as "records.ndjson".
            Directory = System.IO.Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"sixtyfour-{Guid.NewGuid():N}")).FullName;
            FilePath = Path.Combine(Directory, "records.ndjson");
            _file = new FileStream(FilePath, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 64 * 1024);
        }

        public string Directory { get; }
        public string FilePath { get; }
        public long Count { get; private set; }

        /// <summary>Records that held U+FFFD (see <see cref="RecordSerializer.LastHadReplacementCharacter"/>).</summary>
        public long RecordsWithReplacementCharacters { get; private set; }

        public void Add(object? record)
        {
            var json = _records.Serialize(record);
            _file.Write(json.Array!, json.Offset, json.Count);
            _file.WriteByte((byte)'\n');
            Count++;
            if (_records.LastHadReplacementCharacter) RecordsWithReplacementCharacters++;
        }

        /// <summary>Flushes the file so it can be sent.</summary>
        public string Seal()
        {
            _file.Flush();
            return FilePath;
        }

        public void Dispose()
        {
            _records.Dispose();
            _file.Dispose();
            try { System.IO.Directory.Delete(Directory, recursive: true); }
            catch (IOException) { /* a reader still has it open; the temp folder is cleaned by the system */ }
        }
    }
}
