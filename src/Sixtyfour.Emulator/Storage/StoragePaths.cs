namespace Sixtyfour.Emulator.Storage;

/// <summary>
/// URL paths of the emulator's own signed storage: key-less under <c>/_storage</c>, kept apart from the
/// API; and, under the download_on_api_host variation, on the API itself, where the key is required.
/// </summary>
public static class StoragePaths
{
    public const string RunFileRoute = "/_storage/runs/{runId}/{fileName}";

    public const string ApiRunFileRoute = "/storage/runs/{runId}/{fileName}";

    public static string RunFile(Guid runId, string fileName) => $"/_storage/runs/{runId:D}/{Uri.EscapeDataString(fileName)}";

    public static string ApiRunFile(Guid runId, string fileName) => $"/storage/runs/{runId:D}/{Uri.EscapeDataString(fileName)}";
}
