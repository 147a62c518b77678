namespace Sixtyfour.Models
{
    /// <summary>
    /// A result file that Save-SfWorkflowResult wrote: where it is, and which run, block and format it holds (a
    /// FileInfo would say neither, and shows blank columns on Linux). It converts to its path, so Import-Csv takes it.
    /// </summary>
    public sealed class SfSavedResult
    {
        public string Name { get; set; } = string.Empty;
        public string FullName { get; set; } = string.Empty;
        public long Length { get; set; }
        public long RowCount { get; set; }
        public string JobId { get; set; } = string.Empty;
        public int? BlockNumber { get; set; }
        public string Format { get; set; } = string.Empty;
        /// <summary>The file already held these bytes and was left as it was.</summary>
        public bool Unchanged { get; set; }

        public override string ToString() => FullName;
    }
}
