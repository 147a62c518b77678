using System.Management.Automation;
using Sixtyfour.Adapters;
using Xunit;

namespace Sixtyfour.Tests.Adapters
{
    /// <summary>A record's shape: which of its members are data, and when the next record can reuse the names already encoded.</summary>
    public sealed class RecordShapeTests
    {
        private static List<PSPropertyInfo> Properties(PSObject record) => RecordShape.Properties(PowerShellJsonWriter.InstanceMembers!(record));

        private static string[] Names(PSObject record) => Properties(record).Select(p => p.Name).ToArray();

        /// <summary>A record whose names are new string instances, as each row read from a file has.</summary>
        private static PSObject Record(params string[] names)
        {
            var record = new PSObject();
            foreach (var name in names) record.Properties.Add(new PSNoteProperty(new string(name.AsSpan()), 1));
            return record;
        }

        /// <summary>A code property's getter, public and static with one PSObject parameter, outside PowerShell's assembly.</summary>
        public static object Getter(PSObject instance) => 1;

        [Fact]
        public void Every_kind_of_property_a_user_adds_is_data_and_powershells_own_members_are_not()
        {
            using var shell = PowerShell.Create();
            var record = shell.AddScript($$"""
                $o = [pscustomobject]@{ note = 1 }
                $o | Add-Member -MemberType ScriptProperty -Name script -Value { 2 }
                $o | Add-Member -MemberType AliasProperty -Name alias -Value note
                $o | Add-Member -MemberType CodeProperty -Name code -Value ([{{typeof(RecordShapeTests).FullName}}].GetMethod('Getter'))
                $o | Add-Member -MemberType ScriptMethod -Name method -Value { 3 }
                $null = $o.pstypenames          # PowerShell's own code property, hidden
                $null = $o.psobject.Properties  # psobject, psbase: member sets
                $o
                """).Invoke().Single();
            Assert.Equal(new[] { "note", "script", "alias", "code" }, Names(record));
        }

        [Fact]
        public void The_list_of_properties_is_reused_and_holds_only_the_last_records()
        {
            var first = Properties(Record("a", "b", "c"));
            var second = Properties(Record("d"));
            Assert.Same(first, second);
            Assert.Equal(new[] { "d" }, second.Select(p => p.Name));
        }

        [Fact]
        public void A_shape_fits_the_same_names_in_the_same_order_even_in_other_string_instances()
        {
            var shape = RecordShape.Of(Properties(Record("email", "name")));
            Assert.True(shape.Fits(Properties(Record("email", "name"))));
            Assert.False(shape.Fits(Properties(Record("name", "email"))));
            Assert.False(shape.Fits(Properties(Record("email", "Name"))));
            Assert.False(shape.Fits(Properties(Record("email"))));
            Assert.False(shape.Fits(Properties(Record("email", "name", "phone"))));
            Assert.False(shape.Fits(Properties(Record())));
        }

        [Fact]
        public void A_shape_without_names_fits_only_a_record_without_properties()
        {
            var shape = RecordShape.Of(Properties(Record()));
            Assert.True(shape.Fits(Properties(Record())));
            Assert.False(shape.Fits(Properties(Record("a"))));
        }

        [Fact]
        public void Names_are_encoded_as_the_payload_writes_them()
        {
            var shape = RecordShape.Of(Properties(Record("a", "é \"q\"\n<b>")));
            Assert.Equal("a", shape.EncodedName(0).ToString());
            Assert.Equal("é \\\"q\\\"\\n<b>", shape.EncodedName(1).ToString());
        }
    }
}
