using System.Text;
using Sixtyfour.Serialization;
using Xunit;

namespace Sixtyfour.Tests.Serialization
{
    public sealed class Utf8TranscodingStreamTests
    {
        [Theory]
        [InlineData("unicode")]
        [InlineData("bigendianunicode")]
        [InlineData("utf32")]
        [InlineData("latin1")]
        public void Hands_on_the_text_as_utf8_without_a_byte_order_mark_whatever_the_buffer_sizes(string name)
        {
            var encoding = InputEncoding.Parse(name);
            // Long enough to cross many buffers; Latin-1 cannot hold the CJK part.
            var text = string.Concat(Enumerable.Repeat(name == "latin1" ? "René,Groß\n" : "René,Groß,日本\n", 20000));
            var source = encoding.GetPreamble().Concat(encoding.GetBytes(text)).ToArray();
            using var stream = new Utf8TranscodingStream(new MemoryStream(source), encoding);
            using var copy = new MemoryStream();
            var buffer = new byte[777];
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0) copy.Write(buffer, 0, read);
            Assert.Equal(Encoding.UTF8.GetBytes(text), copy.ToArray());
        }

        [Theory]
        [InlineData("utf8", 65001)]
        [InlineData("UTF-8", 65001)]
        [InlineData("unicode", 1200)]
        [InlineData("utf-16BE", 1201)]
        [InlineData("latin1", 28591)]
        [InlineData("28591", 28591)]
        [InlineData("ascii", 20127)]
        public void Takes_the_names_PowerShell_takes(string name, int codePage) => Assert.Equal(codePage, InputEncoding.Parse(name).CodePage);

        [Fact]
        public void An_unknown_name_says_which_to_use() =>
            Assert.Contains("windows-1252", Assert.Throws<ArgumentException>(() => InputEncoding.Parse("klingon")).Message);
    }
}
