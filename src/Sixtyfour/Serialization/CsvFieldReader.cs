using System;
using System.IO;
using System.Reflection;

namespace Sixtyfour.Serialization
{
    /// <summary>
    /// A CSV parser's raw fields, record by record (RFC 4180: quotes, embedded commas and newlines; a bad quote is
    /// kept as text, never an error). Implemented in Sixtyfour.Csv.dll, which this assembly does not reference: that
    /// one and its CsvHelper load on first use into the module's own load context (ModuleInitializer.LoadCsvParser),
    /// where another module's CsvHelper, of any version, cannot stand in for ours.
    /// </summary>
    internal interface ICsvFieldReader : IDisposable
    {
        bool Read();

        /// <summary>The current record's fields, in a new array: for a header, not for every row.</summary>
        string[] Record { get; }

        /// <summary>How many fields the current record has.</summary>
        int Count { get; }

        string this[int index] { get; }
    }

    /// <summary>What Sixtyfour.Csv.dll provides; its one implementation is found by name, so nothing here names it.</summary>
    internal interface ICsvFieldReaderFactory
    {
        /// <summary>A parser of <paramref name="reader"/>, which stays open: its owner disposes it.</summary>
        ICsvFieldReader Open(TextReader reader, int bufferSize);
    }

    internal static class CsvFieldReader
    {
        /// <summary>The type in Sixtyfour.Csv.dll that implements <see cref="ICsvFieldReaderFactory"/>.</summary>
        internal const string FactoryTypeName = "Sixtyfour.Csv.CsvHelperFieldReaderFactory";

        private static readonly Lazy<ICsvFieldReaderFactory> Factory = new Lazy<ICsvFieldReaderFactory>(() => FactoryIn(ModuleInitializer.LoadCsvParser()));

        /// <summary>Parses <paramref name="reader"/> (left open), reading <paramref name="bufferSize"/> characters at a time.</summary>
        public static ICsvFieldReader Open(TextReader reader, int bufferSize) => Factory.Value.Open(reader, bufferSize);

        /// <summary>The factory in <paramref name="parser"/>; a Sixtyfour.Csv.dll of another build without it is a TypeLoadException naming the type.</summary>
        internal static ICsvFieldReaderFactory FactoryIn(Assembly parser) =>
            (ICsvFieldReaderFactory)Activator.CreateInstance(parser.GetType(FactoryTypeName, throwOnError: true)!)!;
    }
}
