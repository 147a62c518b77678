namespace Sixtyfour.Emulator.Storage;

/// <summary>URL paths of the emulator's own signed storage, kept apart from the API under <c>/_storage</c>.</summary>
public static class StoragePaths
{
    public const string RunFileRoute = "/_storage/runs/{runId}/{fileName}";

    public static string RunFile(Guid runId, string fileName) => $"/_storage/runs/{runId:D}/{Uri.EscapeDataString(fileName)}";
}
