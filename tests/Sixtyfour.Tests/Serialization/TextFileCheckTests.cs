using System.Text;
using Sixtyfour.Serialization;
using Xunit;

namespace Sixtyfour.Tests.Serialization
{
    public sealed class TextFileCheckTests : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("sixtyfour-textcheck-").FullName;

        private string Write(byte[] bytes)
        {
            var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllBytes(path, bytes);
            return path;
        }

        [Fact]
        public void Utf8_text_passes_even_when_a_character_straddles_two_reads()
        {
            var text = new string('a', 81919) + "é" + "日本";
            Assert.Null(TextFileCheck.Problem(Write(Encoding.UTF8.GetBytes(text))));
        }

        [Fact]
        public void Latin1_is_caught_with_its_offset() =>
            Assert.Contains("not UTF-8", TextFileCheck.Problem(Write(Encoding.Latin1.GetBytes("name\nRené\n"))));

        [Fact]
        public void Empty_and_binary_files_are_caught()
        {
            Assert.Equal("is empty", TextFileCheck.Problem(Write(Array.Empty<byte>())));
            Assert.Contains("NUL", TextFileCheck.Problem(Write(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0, 0 })));
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}
