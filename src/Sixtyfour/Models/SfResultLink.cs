using System;
using System.Text.Json.Serialization;

namespace Sixtyfour.Models
{
    /// <summary>One result file of a run (WorkflowResultItemWithDownload): a block's output in one format, behind a signed URL.</summary>
    public sealed class SfResultLink
    {
        [JsonPropertyName("filename")] public string Filename { get; set; } = string.Empty;
        [JsonPropertyName("storage_bucket")] public string? StorageBucket { get; set; }
        [JsonPropertyName("file_size")] public long? FileSize { get; set; }
        [JsonPropertyName("row_count")] public long RowCount { get; set; }
        [JsonPropertyName("block_number")] public int? BlockNumber { get; set; }
        [JsonPropertyName("created_at")] public DateTime? CreatedAt { get; set; }
        [JsonPropertyName("message")] public string? Message { get; set; }
        [JsonPropertyName("content_type")] public string? ContentType { get; set; }
        [JsonPropertyName("download_url")] public string? DownloadUrl { get; set; }
        [JsonPropertyName("download_expires_in_seconds")] public int DownloadExpiresInSeconds { get; set; } = 900;

        /// <summary>The run this file belongs to (not in the API's answer; set by the module).</summary>
        [JsonIgnore] public string JobId { get; set; } = string.Empty;
        /// <summary>csv, json or ndjson (not in the API's answer; set by the module).</summary>
        [JsonIgnore] public string Format { get; set; } = string.Empty;
        /// <summary>Listed by job-status (a bulk job) rather than download-links: a fresh link is asked for there.</summary>
        [JsonIgnore] internal bool FromJobStatus { get; set; }

        public override string ToString() => Filename;
    }
}
