using System.Text;
using Sixtyfour.Serialization;
using Xunit;

namespace Sixtyfour.Tests.Serialization
{
    public sealed class InputFileCheckTests : IDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("sixtyfour-inputcheck-").FullName;

        private string Write(byte[] bytes, string extension = ".csv")
        {
            var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + extension);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        private string Write(string text, string extension = ".csv") => Write(Encoding.UTF8.GetBytes(text), extension);

        [Fact]
        public void Utf8_text_passes_even_when_a_character_straddles_two_reads()
        {
            var text = "name\n" + new string('a', 81919) + "é" + "日本\n";
            Assert.Null(InputFileCheck.Problem(Write(text)));
        }

        [Fact]
        public void Latin1_is_caught_with_its_offset_and_a_hint_to_name_the_encoding()
        {
            var path = Write(Encoding.Latin1.GetBytes("name\nRené\n"));
            var problem = InputFileCheck.Problem(path)!;
            Assert.Equal(InputFileCheck.Unreadable, problem.ErrorId);
            Assert.Contains("is not UTF-8 text (byte 0xE9 near offset 8)", problem.Message);
            Assert.Contains("-Encoding", problem.Advice);
            Assert.Null(InputFileCheck.Problem(path, Encoding.Latin1));
        }

        [Fact]
        public void Utf16_is_named_as_such_with_the_encoding_to_pass_and_passes_with_it()
        {
            var path = Write(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("name,email\nRené,r@x.example\n")).ToArray());
            var problem = InputFileCheck.Problem(path)!;
            Assert.Equal(InputFileCheck.Unreadable, problem.ErrorId);
            Assert.Contains("is UTF-16 text", problem.Message);
            Assert.Contains("-Encoding unicode", problem.Advice);
            Assert.DoesNotContain("NUL", problem.Message);
            Assert.Null(InputFileCheck.Problem(path, Encoding.Unicode));
        }

        [Fact]
        public void Empty_and_binary_files_are_caught()
        {
            var empty = InputFileCheck.Problem(Write(Array.Empty<byte>()))!;
            Assert.Equal(InputFileCheck.NoInputRecords, empty.ErrorId);
            Assert.Contains("is empty", empty.Message);
            var binary = InputFileCheck.Problem(Write(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0, 0 }))!;
            Assert.Equal(InputFileCheck.Unreadable, binary.ErrorId);
            Assert.Contains("NUL", binary.Message);
        }

        [Theory]
        [InlineData("email,name\n", ".csv", "has a header row but no rows")]
        [InlineData("\uFEFFemail,name\r\n\r\n", ".csv", "has a header row but no rows")]
        [InlineData(" [ \n ] ", ".json", "holds an empty array")]
        [InlineData("\n  \n", ".ndjson", "has no lines with a record")]
        public void A_file_without_rows_is_NoInputRecords_as_an_empty_pipeline_is(string text, string extension, string says)
        {
            var problem = InputFileCheck.Problem(Write(text, extension))!;
            Assert.Equal(InputFileCheck.NoInputRecords, problem.ErrorId);
            Assert.Contains(says, problem.Message);
        }

        [Theory]
        [InlineData("email,Email\na@b.example,c@d.example\n", "Email")]
        [InlineData("email,name,email\na,b,c\n", "email")]
        public void Two_columns_whose_names_differ_only_in_case_are_refused_as_for_piped_records(string text, string column)
        {
            var problem = InputFileCheck.Problem(Write(text))!;
            Assert.Equal(InputFileCheck.Unreadable, problem.ErrorId);
            Assert.Contains($"two columns named '{column}'", problem.Message);
        }

        [Theory]
        [InlineData("email\n\"a@b.example\"\n", ".csv")]
        [InlineData("[{\"email\":\"a@b.example\"}]", ".json")]
        [InlineData("\n{\"email\":\"a@b.example\"}\n", ".jsonl")]
        public void Files_with_rows_pass(string text, string extension) => Assert.Null(InputFileCheck.Problem(Write(text, extension)));

        public void Dispose() => Directory.Delete(_folder, recursive: true);
    }
}
