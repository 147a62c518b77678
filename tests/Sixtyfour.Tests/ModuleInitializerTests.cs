using System.Runtime.Loader;
using Sixtyfour.Serialization;
using Xunit;

namespace Sixtyfour.Tests
{
    public sealed class ModuleInitializerTests
    {
        [Fact]
        public void The_csv_parser_and_its_CsvHelper_load_into_the_module_context_and_share_its_types()
        {
            var parser = ModuleInitializer.LoadCsvParser();

            var context = AssemblyLoadContext.GetLoadContext(parser)!;
            Assert.Equal("Sixtyfour", context.Name);
            Assert.NotSame(AssemblyLoadContext.Default, context);
            var csvHelper = Assert.Single(context.Assemblies, a => a.GetName().Name == "CsvHelper");
            Assert.Equal(33, csvHelper.GetName().Version!.Major);
            // Its reference to Sixtyfour.dll is this one: the factory is an ICsvFieldReaderFactory of this assembly.
            using (var csv = CsvFieldReader.FactoryIn(parser).Open(new StringReader("a,b"), 16))
                Assert.True(csv.Read());
            Assert.DoesNotContain(context.Assemblies, a => a.GetName().Name == "Sixtyfour");
        }
    }
}
