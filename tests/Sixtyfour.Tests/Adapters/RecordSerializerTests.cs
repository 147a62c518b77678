using System.Management.Automation;
using System.Text;
using Sixtyfour.Adapters;
using Xunit;

namespace Sixtyfour.Tests.Adapters
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
        public void A_code_property_a_user_adds_is_written_as_ConvertTo_Json_writes_it()
        {
            using var serializer = new RecordSerializer();
            using var shell = PowerShell.Create();
            var record = shell.AddScript(
                "$o = [pscustomobject]@{ a = 1 }; $null = $o.pstypenames; $null = $o.psobject.Properties; " +
                $"$o | Add-Member -MemberType CodeProperty -Name code -Value ([{typeof(RecordSerializerTests).FullName}].GetMethod('CodeGetter')); $o")
                .Invoke().Single();
            Assert.Equal(@"{""a"":1,""code"":""from code""}", Json(serializer, record));
        }

        [Fact]
        public void Properties_that_type_data_adds_to_a_typed_record_are_written_as_ConvertTo_Json_writes_them()
        {
            using var shell = PowerShell.Create();
            // Type data lives in the runspace: the serializer runs on its pipeline thread, as in a cmdlet.
            var json = shell.AddScript($$"""
                Update-TypeData -TypeName SixtyfourTestLead -MemberType ScriptProperty -MemberName full -Value { "$($this.a)!" } -Force
                $typed = [pscustomobject]@{ PSTypeName = 'SixtyfourTestLead'; a = 1 }
                [{{typeof(RecordSerializerTests).FullName}}]::JsonOf($typed)
                $typed | ConvertTo-Json -Compress
                [{{typeof(RecordSerializerTests).FullName}}]::JsonOf([pscustomobject]@{ a = 2 })
                """).Invoke().Select(o => o.BaseObject as string).ToArray();
            Assert.Empty(shell.Streams.Error);
            Assert.Equal(new[] { """{"a":1,"full":"1!"}""", """{"a":1,"full":"1!"}""", """{"a":2}""" }, json);
        }

        /// <summary>A record's JSON, for scripts: type data is seen only on a runspace's own thread.</summary>
        public static string JsonOf(object record)
        {
            using var serializer = new RecordSerializer();
            return Json(serializer, record);
        }

        /// <summary>A code property's getter: public, static, with one PSObject parameter.</summary>
        public static object CodeGetter(PSObject instance) => "from code";

        [Fact]
        public void Large_decimals_keep_every_digit()
        {
            using var serializer = new RecordSerializer();
            Assert.Equal("""{"n":12345678901234567890.123}""", Json(serializer, Record(("n", 12345678901234567890.123m))));
        }
        [Fact]
        public void Each_record_says_whether_it_held_a_replacement_character()
        {
            using var serializer = new RecordSerializer();
            // U+FFFC and U+FEFF share U+FFFD's lead byte (EF); only U+FFFD itself counts, wherever it is.
            foreach (var (text, expected) in new[] { ("caf\uFFFD", true), ("plain", false), ("\uFFFC\uFEFF", false), ("\uFFFC\uFFFD", true), ("\uFFFDx", true), ("é", false) })
            {
                Json(serializer, Record(("a", text)));
                Assert.True(expected == serializer.LastHadReplacementCharacter, text);
            }
        }

        public sealed class Plain
        {
            public int A => 1;
        }

        public enum Tier { Gold }

        [Fact]
        public void Values_that_are_not_records_are_refused_alone_with_what_they_are()
        {
            using var serializer = new RecordSerializer();
            using var secret = new System.Security.SecureString();
            var cases = new (object? Value, string Kind)[]
            {
                (new FileInfo("leads.csv"), "A file or folder (use -Path or -LiteralPath to send a file's rows)"),
                (new DirectoryInfo("data"), "A file or folder (use -Path or -LiteralPath to send a file's rows)"),
                ("text", "A string"), (PSObject.AsPSObject("text"), "A string"), ('c', "A string"),
                (new[] { 1, 2 }, "A list"), (new System.Collections.ArrayList(), "A list"),
                (DateTime.UnixEpoch, "A DateTime"), (DateTimeOffset.UnixEpoch, "A DateTimeOffset"), (TimeSpan.Zero, "A TimeSpan"),
                (Guid.Empty, "A Guid"), (new Uri("http://127.0.0.1/"), "A Uri"), (Tier.Gold, "A Tier"), (secret, "A SecureString"),
                (1, "A number or boolean"), (2.5, "A number or boolean"), (true, "A number or boolean"), (1.5m, "A number or boolean"),
                (new System.Numerics.BigInteger(7), "A number or boolean"), (PSObject.AsPSObject(3L), "A number or boolean"),
                // PowerShell binds these to a cmdlet's InputObject as they are, not as $null.
                (DBNull.Value, "A DBNull"), (System.Management.Automation.Language.NullString.Value, "A NullString"),
                // A piped $null reaches the serializer too: the cmdlets hand it on rather than skip it.
                (null, "A null value"),
            };
            foreach (var (value, kind) in cases)
            {
                var error = Assert.Throws<InvalidDataException>(() => serializer.Serialize(value));
                Assert.Equal(kind + " is not a record: each input row must be an object with properties (an Import-Csv row, [pscustomobject]@{...}, a hashtable).", error.Message);
            }
            // Objects with properties are records, whatever their type.
            Assert.Equal("""{"A":1}""", Json(serializer, new Plain()));
            Assert.Equal("""{"A":1}""", Json(serializer, PSObject.AsPSObject(new Plain())));
            Assert.Equal("""{"k":"v"}""", Json(serializer, PSObject.AsPSObject(new System.Collections.Hashtable { ["k"] = "v" })));
        }

        [Fact]
        public void A_refused_record_leaves_nothing_behind_for_the_next()
        {
            using var serializer = new RecordSerializer();
            Json(serializer, Record(("long", new string('x', 100))));
            using var secret = new System.Security.SecureString();
            Assert.Throws<InvalidDataException>(() => Json(serializer, Record(("a", "b"), ("key", secret))));
            Assert.Equal("""{"n":1}""", Json(serializer, Record(("n", 1))));
        }

        [Fact]
        public void A_record_with_a_property_that_cannot_be_read_is_written_without_it()
        {
            using var serializer = new RecordSerializer();
            var record = Record(("a", 1));
            record.Properties.Add(new PSScriptProperty("writeOnly", null, ScriptBlock.Create("param($v)")));
            record.Properties.Add(new PSNoteProperty("b", 2));
            Assert.Equal("""{"a":1,"b":2}""", Json(serializer, record));
            Assert.Equal("""{"a":1,"b":2}""", Json(serializer, record));
        }

        [Fact]
        public void A_nested_dictionary_may_hold_names_equal_ignoring_case()
        {
            using var serializer = new RecordSerializer();
            var nested = new System.Collections.Specialized.OrderedDictionary(StringComparer.Ordinal) { ["x"] = 1, ["X"] = 2 };
            Assert.Equal("""{"inner":{"x":1,"X":2}}""", Json(serializer, Record(("inner", nested))));
        }

        [Fact]
        public void A_column_whose_name_changes_only_in_case_is_written_with_the_new_name()
        {
            using var serializer = new RecordSerializer();
            Assert.Equal("""{"email":1,"name":2}""", Json(serializer, Record(("email", 1), ("name", 2))));
            Assert.Equal("""{"Email":3,"name":4}""", Json(serializer, Record(("Email", 3), ("name", 4))));
        }

        [Fact]
        public void A_disposed_serializer_refuses_to_write()
        {
            var serializer = new RecordSerializer();
            Json(serializer, Record(("a", 1)));
            serializer.Dispose();
            // Its buffer is closed (a closed MemoryStream says "not writable"): a record is never written to released memory.
            Assert.Throws<NotSupportedException>(() => serializer.Serialize(Record(("a", 2))));
        }
    }
}
