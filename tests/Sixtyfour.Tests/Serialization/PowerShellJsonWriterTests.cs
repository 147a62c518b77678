using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using Sixtyfour.Serialization;
using Xunit;

namespace Sixtyfour.Tests.Serialization
{
    public sealed class PowerShellJsonWriterTests
    {
        private static string Write(object? value)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                PowerShellJsonWriter.WriteValue(writer, value);
            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        [Fact]
        public void A_custom_object_keeps_its_property_order_and_types()
        {
            var record = new PSObject();
            record.Properties.Add(new PSNoteProperty("name", "René, \"the\" one\nline"));
            record.Properties.Add(new PSNoteProperty("count", 42));
            record.Properties.Add(new PSNoteProperty("ratio", 0.5));
            record.Properties.Add(new PSNoteProperty("big", 9007199254740993L));
            record.Properties.Add(new PSNoteProperty("active", true));
            record.Properties.Add(new PSNoteProperty("none", null));
            record.Properties.Add(new PSNoteProperty("tags", new object[] { "a", 1 }));
            var nested = new OrderedDictionary { ["city"] = "London", ["zip"] = "NW1" };
            record.Properties.Add(new PSNoteProperty("address", nested));

            Assert.Equal("""{"name":"René, \"the\" one\nline","count":42,"ratio":0.5,"big":9007199254740993,"active":true,"none":null,"tags":["a",1],"address":{"city":"London","zip":"NW1"}}""",
                Write(record));
        }

        [Fact]
        public void Only_a_records_own_properties_are_data_not_powershells_hidden_members()
        {
            using var shell = PowerShell.Create();
            // Export-Csv and others touch pstypenames, which adds hidden members to the object itself.
            var record = shell.AddScript("$o = [pscustomobject]@{ a = 1; b = 'x' }; $null = $o.pstypenames; $o | Add-Member -NotePropertyName c -NotePropertyValue $true; $o | Add-Member -MemberType ScriptProperty -Name d -Value { 2 }; $o").Invoke().Single();
            Assert.Equal("""{"a":1,"b":"x","c":true,"d":2}""", Write(record));
        }

        [Fact]
        public void Values_wrapped_in_psobject_are_written_as_themselves()
        {
            Assert.Equal("7", Write(PSObject.AsPSObject(7)));
            Assert.Equal("\"x\"", Write(PSObject.AsPSObject("x")));
            Assert.Equal("{\"a\":[1,2]}", Write(new Hashtable { ["a"] = new[] { PSObject.AsPSObject(1), PSObject.AsPSObject(2) } }));
        }

        [Fact]
        public void Dates_are_iso_8601_and_non_finite_numbers_become_text()
        {
            Assert.Equal("\"2026-02-10T12:00:00.0000000Z\"", Write(new DateTime(2026, 2, 10, 12, 0, 0, DateTimeKind.Utc)));
            Assert.Equal("\"NaN\"", Write(double.NaN));
        }

        [Fact]
        public void A_record_that_refers_to_itself_fails_clearly_instead_of_overflowing()
        {
            var record = new Hashtable();
            record["self"] = record;
            var error = Assert.Throws<InvalidDataException>(() => Write(record));
            Assert.Contains("nested more than", error.Message);
        }

        [Fact]
        public void A_secure_string_is_never_written()
        {
            using var secret = new System.Security.SecureString();
            secret.AppendChar('x');
            Assert.Throws<InvalidDataException>(() => Write(new Hashtable { ["key"] = secret }));
        }
    }
}
