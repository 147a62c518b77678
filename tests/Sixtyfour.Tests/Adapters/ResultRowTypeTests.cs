using System.Management.Automation;
using Sixtyfour.Adapters;
using Xunit;

namespace Sixtyfour.Tests.Adapters
{
    public sealed class ResultRowTypeTests
    {
        [Fact]
        public void A_header_gets_one_class_whose_properties_are_its_columns_in_order_whatever_their_names()
        {
            var header = new[] { "email", "first name", "1st", "e-mail", "Größe", "say \"hi\"", "" + System.Guid.NewGuid() };
            var type = ResultRowType.For(header);
            Assert.Same(type, ResultRowType.For((string[])header.Clone()));
            var row = new PSObject(type.Create(new string?[] { "a@x", "Ada", "1", null, "1,5", "yes", "" }));
            Assert.Equal(header, row.Properties.Select(p => p.Name));
            Assert.Equal("Ada", row.Properties["first name"].Value);
            Assert.Equal("Ada", row.Properties["FIRST NAME"].Value);
            Assert.Null(row.Properties["e-mail"].Value);
            row.Properties["1st"].Value = 5;
            Assert.Equal(5, row.Properties["1st"].Value);
        }

        [Fact]
        public void The_values_array_can_be_reused_for_the_next_row()
        {
            var type = ResultRowType.For(new[] { "a", "b" });
            var values = new string?[] { "1", "2" };
            var first = new PSObject(type.Create(values));
            values[0] = "3";
            Assert.Equal("1", first.Properties["a"].Value);
            Assert.Equal("@{a=1; b=2}", first.BaseObject.ToString());
        }

        [Theory]
        [InlineData("a", "A", "The CSV result has two columns named 'A' (ignoring case); a row can hold only one of them.")]
        [InlineData("x", "x", "The CSV result has two columns named 'x' (ignoring case); a row can hold only one of them.")]
        [InlineData("a", "", "Column 2 of the CSV result has no name.")]
        [InlineData("", "a", "Column 1 of the CSV result has no name.")]
        public void A_header_no_class_can_stand_for_is_refused(string first, string second, string message) =>
            Assert.Equal(message, Assert.Throws<InvalidDataException>(() => ResultRowType.For(new[] { first, second })).Message);

        [Fact]
        public void The_class_is_shaped_as_a_compiled_one()
        {
            // What reflection and Get-Member -Force see: a public sealed ResultRow whose accessors have the CLS names.
            var type = ResultRowType.For(new[] { "name", "e-mail" }).Type;
            Assert.True(type.IsPublic);
            Assert.True(type.IsSealed);
            Assert.Equal(typeof(Sixtyfour.Models.ResultRow), type.BaseType);
            Assert.All(type.GetProperties(), property =>
            {
                Assert.Equal(typeof(object), property.PropertyType);
                Assert.Equal("get_" + property.Name, property.GetMethod!.Name);
                Assert.Equal("set_" + property.Name, property.SetMethod!.Name);
            });
            Assert.Equal(new[] { "name", "e-mail" }, type.GetProperties().Select(p => p.Name));
        }

        [Fact]
        public void Different_headers_get_different_classes()
        {
            // Length-prefixed names: "ab"+"c" and "a"+"bc" are not one key.
            Assert.NotSame(ResultRowType.For(new[] { "ab", "c" }).Type, ResultRowType.For(new[] { "a", "bc" }).Type);
        }
    }
}
