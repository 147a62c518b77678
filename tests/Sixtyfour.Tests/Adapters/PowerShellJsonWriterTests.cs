using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using Sixtyfour.Adapters;
using Sixtyfour.Models;
using Sixtyfour.Serialization;
using Xunit;

namespace Sixtyfour.Tests.Adapters
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
            var error = Assert.Throws<InvalidDataException>(() => Write(new Hashtable { ["key"] = secret }));
            Assert.Equal("A SecureString cannot be sent as data.", error.Message);
        }
        private enum Tier { Gold = 2 }

        [Fact]
        public void Every_scalar_type_keeps_its_json_type()
        {
            Assert.Equal("\"c\"", Write('c'));
            Assert.Equal("true", Write(true));
            Assert.Equal("false", Write(false));
            Assert.Equal("-7", Write(-7));
            Assert.Equal("-9007199254740993", Write(-9007199254740993L));
            Assert.Equal("0.25", Write(0.25));
            Assert.Equal("1.5", Write(1.5f));
            Assert.Equal("0.10", Write(0.10m));
            Assert.Equal("[255,-8,-300,65535,4294967295]", Write(new object[] { (byte)255, (sbyte)-8, (short)-300, (ushort)65535, uint.MaxValue }));
            Assert.Equal("18446744073709551615", Write(ulong.MaxValue));
            Assert.Equal("123456789012345678901234567890", Write(System.Numerics.BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal("null", Write(null));
            Assert.Equal("null", Write(DBNull.Value));
            using var document = JsonDocument.Parse("""{"x": [1, "two"]}""");
            Assert.Equal("""{"x":[1,"two"]}""", Write(document.RootElement));
        }

        [Fact]
        public void The_modules_graph_types_keep_the_APIs_names_inside_a_hashtable()
        {
            // @{ blocks = $definition.Blocks; edges = $definition.Edges }, as a user rebuilds a definition.
            var block = new SfBlock { SequenceNumber = 1, BlockType = "LEAD", BlockName = "read_csv", BlockId = "b1", Specs = new PSObject(new Hashtable { ["handle"] = "h" }) };
            var edge = new SfEdge { FromBlockId = "b1", ToBlockId = "b2" };
            var blocks = new OrderedDictionary { ["blocks"] = new object[] { block }, ["edges"] = new object[] { edge } };
            Assert.Equal("""{"blocks":[{"sequence_number":1,"block_type":"LEAD","block_name":"read_csv","block_id":"b1","specs":{"handle":"h"}}],"edges":[{"from_block_id":"b1","to_block_id":"b2"}]}""",
                Write(blocks));
            Assert.Equal("""{"blocks":[],"edges":[{"from_block_id":"b1","to_block_id":"b2","condition":"x"}]}""",
                Write(new SfWorkflowDefinition { Edges = new[] { new SfEdge { FromBlockId = "b1", ToBlockId = "b2", Condition = "x" } } }));
        }

        [Fact]
        public void Non_finite_numbers_become_their_invariant_text()
        {
            Assert.Equal("[\"NaN\",\"Infinity\",\"-Infinity\",\"NaN\",\"Infinity\",\"-Infinity\"]",
                Write(new object[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, float.NaN, float.PositiveInfinity, float.NegativeInfinity }));
        }

        [Fact]
        public void Dates_ids_links_durations_and_enums_are_invariant_text()
        {
            Assert.Equal("\"2026-02-10T12:00:00.0000000+02:00\"", Write(new DateTimeOffset(2026, 2, 10, 12, 0, 0, TimeSpan.FromHours(2))));
            Assert.Equal("\"0f8fad5b-d9cb-469f-a165-70867728950e\"", Write(Guid.Parse("0F8FAD5B-D9CB-469F-A165-70867728950E")));
            // As the user typed it, not as Uri.ToString would rewrite it.
            Assert.Equal("\"HTTP://Example.COM/a%20b\"", Write(new Uri("HTTP://Example.COM/a%20b")));
            Assert.Equal("\"1.02:03:04\"", Write(new TimeSpan(1, 2, 3, 4)));
            Assert.Equal("\"Gold\"", Write(Tier.Gold));
        }

        [Fact]
        public void Nesting_of_exactly_the_maximum_depth_is_written_and_one_more_level_is_refused()
        {
            Assert.Equal(new string('[', PowerShellJsonWriter.MaxDepth) + "1" + new string(']', PowerShellJsonWriter.MaxDepth),
                Write(Nest(PowerShellJsonWriter.MaxDepth, next => new[] { next })));
            var error = Assert.Throws<InvalidDataException>(() => Write(Nest(PowerShellJsonWriter.MaxDepth + 1, next => new[] { next })));
            Assert.Equal("The input is nested more than 64 levels deep; it may refer to itself.", error.Message);
        }

        [Fact]
        public void Top_level_names_equal_ignoring_case_are_refused_but_nested_ones_are_kept()
        {
            var clash = new OrderedDictionary(StringComparer.Ordinal) { ["email"] = "a", ["Email"] = "b" };
            var error = Assert.Throws<InvalidDataException>(() => Write(clash));
            Assert.Equal("The record has two columns named 'Email' that differ only in case; rename one of them.", error.Message);
            Assert.Equal("""{"outer":{"email":"a","Email":"b"}}""", Write(new Hashtable { ["outer"] = clash }));
        }

        private sealed class NullName
        {
            public override string? ToString() => null;
        }

        [Fact]
        public void A_key_without_text_becomes_an_empty_name()
        {
            var record = new OrderedDictionary();
            record.Add(new NullName(), 1);
            record.Add(2, 3);
            Assert.Equal("""{"":1,"2":3}""", Write(record));
        }

        public sealed class Plain
        {
            public string Name => "n";
            public int Count => 3;
            public string WriteOnly { set { } }
            public string Broken => throw new InvalidOperationException("no value");
        }

        [Fact]
        public void Other_objects_are_written_by_their_readable_properties()
        {
            Assert.Equal("""{"Name":"n","Count":3}""", Write(new Plain()));
            Assert.Equal("""{"Name":"n","Count":3}""", Write(PSObject.AsPSObject(new Plain())));
        }

        [Fact]
        public void A_nested_custom_object_is_written_without_powershells_hidden_members_or_unreadable_properties()
        {
            using var shell = PowerShell.Create();
            var record = shell.AddScript("""
                $inner = [pscustomobject]@{ x = 1 }
                $null = $inner.pstypenames
                $inner | Add-Member -MemberType ScriptProperty -Name broken -Value { throw 'no' }
                [pscustomobject]@{ inner = $inner; list = @($inner) }
                """).Invoke().Single();
            Assert.Equal("""{"inner":{"x":1},"list":[{"x":1}]}""", Write(record));
        }

        [Fact]
        public void The_fast_path_to_a_records_own_members_binds_on_this_powershell()
        {
            // Without it records are still written, only slower: this is the test that says so when PowerShell changes.
            Assert.NotNull(PowerShellJsonWriter.InstanceMembers);
        }

        [Fact]
        public void A_records_type_names_are_read_where_they_are_stored_without_making_a_list_per_row()
        {
            // PSObject.TypeNames makes a list for every object that has none and keeps it: a list per row sent.
            Assert.NotNull(PowerShellJsonWriter.StoredTypeNames);
            var row = new PSObject();
            row.Properties.Add(new PSNoteProperty("a", 1));
            RecordShape? shape = null;
            Assert.Equal("""[{"a":1}]""", WriteRecords(ref shape, row));
            Assert.Null(PowerShellJsonWriter.StoredTypeNames!(row));
        }

        [Fact]
        public void A_record_whose_type_names_were_cleared_is_a_plain_record()
        {
            var row = new PSObject();
            row.Properties.Add(new PSNoteProperty("a", 1));
            row.TypeNames.Clear();
            RecordShape? shape = null;
            Assert.Equal("""[{"a":1}]""", WriteRecords(ref shape, row));
        }
        /// <summary>Builds <paramref name="levels"/> containers, each holding the next under "next", around the value 1.</summary>
        private static object Nest(int levels, Func<object, object> container)
        {
            object value = 1;
            for (var i = 0; i < levels; i++) value = container(value);
            return value;
        }

        private static string Nested(int levels) =>
            string.Concat(Enumerable.Repeat("{\"next\":", levels)) + "1" + new string('}', levels);

        private static PSObject CustomObject(object next)
        {
            var record = new PSObject();
            record.Properties.Add(new PSNoteProperty("next", next));
            return record;
        }

        [Fact]
        public void Nested_custom_objects_count_towards_the_depth_limit()
        {
            Assert.Equal(Nested(PowerShellJsonWriter.MaxDepth), Write(Nest(PowerShellJsonWriter.MaxDepth, CustomObject)));
            Assert.Throws<InvalidDataException>(() => Write(Nest(PowerShellJsonWriter.MaxDepth + 1, CustomObject)));
        }

        [Fact]
        public void Nested_dictionaries_count_towards_the_depth_limit()
        {
            Assert.Equal(Nested(PowerShellJsonWriter.MaxDepth), Write(Nest(PowerShellJsonWriter.MaxDepth, next => new Hashtable { ["next"] = next })));
            Assert.Throws<InvalidDataException>(() => Write(Nest(PowerShellJsonWriter.MaxDepth + 1, next => new Hashtable { ["next"] = next })));
        }

        private static string WriteRecords(ref RecordShape? shape, params object[] records)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, SixtyfourJson.WriterOptions))
            {
                writer.WriteStartArray();
                foreach (var record in records) PowerShellJsonWriter.WriteRecord(writer, record, ref shape);
                writer.WriteEndArray();
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        [Fact]
        public void A_record_nests_as_deep_as_any_value_whichever_way_it_is_written()
        {
            // A custom object takes the fast path, a hashtable the general one: the limit is the same.
            RecordShape? shape = null;
            var fits = Nest(PowerShellJsonWriter.MaxDepth - 1, next => new[] { next });
            Assert.Equal(Write(CustomObject(fits)), WriteRecords(ref shape, CustomObject(fits)).Trim('[', ']'));
            Assert.Equal(Write(new Hashtable { ["next"] = fits }), WriteRecords(ref shape, new Hashtable { ["next"] = fits }).Trim('[', ']'));
            var tooDeep = new[] { fits };
            Assert.Throws<InvalidDataException>(() => WriteRecords(ref shape, CustomObject(tooDeep)));
            Assert.Throws<InvalidDataException>(() => WriteRecords(ref shape, new Hashtable { ["next"] = tooDeep }));
        }

        [Fact]
        public void The_next_record_with_the_same_names_reuses_the_shape_and_another_record_replaces_it()
        {
            using var shell = PowerShell.Create();
            var rows = shell.AddScript("""'[{"a":1,"b":"x"},{"a":2,"b":"y"},{"b":"z","a":3}]' | ConvertFrom-Json""").Invoke();
            RecordShape? shape = null;
            Assert.Equal("""[{"a":1,"b":"x"}]""", WriteRecords(ref shape, rows[0]));
            var first = shape;
            Assert.NotNull(first);
            Assert.Equal("""[{"a":2,"b":"y"}]""", WriteRecords(ref shape, rows[1]));
            Assert.Same(first, shape);
            Assert.Equal("""[{"b":"z","a":3}]""", WriteRecords(ref shape, rows[2]));
            Assert.NotSame(first, shape);
            var third = shape;
            // A record that is not a custom object is written without a shape and leaves the last one in place.
            Assert.Equal("""[{"a":4}]""", WriteRecords(ref shape, new Hashtable { ["a"] = 4 }));
            Assert.Same(third, shape);
        }

        [Fact]
        public void Objects_without_properties_are_empty_objects_as_ConvertTo_Json_writes_them()
        {
            using var shell = PowerShell.Create();
            var records = shell.AddScript("[pscustomobject]@{}; New-Object psobject; [pscustomobject]@{ inner = [pscustomobject]@{} }; @{}").Invoke();
            RecordShape? shape = null;
            Assert.Equal("""[{},{},{"inner":{}},{}]""", WriteRecords(ref shape, records.Cast<object>().ToArray()));
            Assert.Equal("{}", Write(new object()));
        }

        [Fact]
        public void A_null_string_is_null_as_ConvertTo_Json_writes_it()
        {
            using var shell = PowerShell.Create();
            var record = shell.AddScript("[pscustomobject]@{ a = [System.Management.Automation.Language.NullString]::Value; b = [DBNull]::Value }").Invoke().Single();
            Assert.Equal("""{"a":null,"b":null}""", Write(record));
        }
    }
}
