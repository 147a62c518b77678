namespace Sixtyfour.Models
{
    /// <summary>An input file uploaded for read_csv workflows; its HandleId goes into specs_override.resource_handle_id.</summary>
    public sealed class SfUploadedFile
    {
        public string HandleId { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;
        public long Length { get; set; }
        public string Path { get; set; } = string.Empty;

        public override string ToString() => HandleId;
    }
}
