using System.Management.Automation;
using System.Text;
using Sixtyfour.Serialization;
using Xunit;

namespace Sixtyfour.Tests.Serialization
{
    /// <summary>The serializer remembers the last record's column names: each record must still be written as its own.</summary>
    public sealed class RecordSerializerTests
    {
        private static PSObject Record(params (string Name, object? Value)[] columns)
        {
            var record = new PSObject();
            foreach (var (name, value) in columns) record.Properties.Add(new PSNoteProperty(name, value));
            return record;
        }

        private static string Json(RecordSerializer serializer, object record)
        {
            var json = serializer.Serialize(record);
            return Encoding.UTF8.GetString(json.Array!, json.Offset, json.Count);
        }

        [Fact]
        public void Records_of_changing_shapes_are_each_written_with_their_own_names()
        {
            using var serializer = new RecordSerializer();
            Assert.Equal("""{"a":"1","b":"x"}""", Json(serializer, Record(("a", "1"), ("b", "x"))));
            Assert.Equal("""{"a":"2","b":"y"}""", Json(serializer, Record(("a", "2"), ("b", "y"))));
            Assert.Equal("""{"b":"z","a":"3"}""", Json(serializer, Record(("b", "z"), ("a", "3"))));
            Assert.Equal("""{"b":"z","a":"3","é \"q\"":4}""", Json(serializer, Record(("b", "z"), ("a", "3"), ("é \"q\"", 4))));
            Assert.Equal("""{"b":null}""", Json(serializer, Record(("b", null))));
            Assert.Equal("""{"a":1}""", Json(serializer, new System.Collections.Hashtable { ["a"] = 1 }));
        }

        [Fact]
        public void A_record_with_columns_equal_ignoring_case_is_refused_after_records_that_were_fine()
        {
            using var serializer = new RecordSerializer();
            Json(serializer, Record(("email", "a"), ("name", "b")));
            // A PSObject cannot hold two such names; a (case-sensitive) dictionary can.
            var error = Assert.Throws<InvalidDataException>(() => Json(serializer, new System.Collections.Specialized.OrderedDictionary(StringComparer.Ordinal) { ["email"] = "a", ["Email"] = "b" }));
            Assert.Contains("differ only in case", error.Message);
            Assert.Equal("""{"email":"c","name":"d"}""", Json(serializer, Record(("email", "c"), ("name", "d"))));
        }

        [Fact]
        public void Added_script_and_alias_properties_are_written_and_a_getter_that_throws_is_left_out()
        {
            using var serializer = new RecordSerializer();
            using var shell = PowerShell.Create();
            var records = shell.AddScript("""
                1..2 | ForEach-Object {
                    $o = [pscustomobject]@{ a = $_ }
                    $o | Add-Member -MemberType ScriptProperty -Name twice -Value { $this.a * 2 }
                    $o | Add-Member -MemberType AliasProperty -Name alias -Value a
                    $o | Add-Member -MemberType ScriptProperty -Name broken -Value { throw 'no' }
                    $null = $o.psobject.Properties  # PowerShell's own hidden members are not data
                    $o
                }
                """).Invoke();
            Assert.Equal("""{"a":1,"twice":2,"alias":1}""", Json(serializer, records[0]));
            Assert.Equal("""{"a":2,"twice":4,"alias":2}""", Json(serializer, records[1]));
        }

        [Fact]
        public void Large_decimals_keep_every_digit()
        {
            using var serializer = new RecordSerializer();
            Assert.Equal("""{"n":12345678901234567890.123}""", Json(serializer, Record(("n", 12345678901234567890.123m))));
        }
    }
}
