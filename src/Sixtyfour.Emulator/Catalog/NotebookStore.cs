using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Sixtyfour.Emulator.Storage;

namespace Sixtyfour.Emulator.Catalog;

/// <summary>A notebook: a named, growing table of rows that workflows append to and read back.</summary>
public sealed record Notebook(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("rows")] IReadOnlyList<JsonObject> Rows);

/// <summary>A notebook without its rows, as the test hook lists them.</summary>
public sealed record NotebookSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("row_count")] int RowCount);

/// <summary>
/// The notebooks shared by <c>append_to_notebook</c>, <c>read_notebook</c> and
/// <c>deduplicate_wrt_notebook</c>; saved to <c>state/notebooks.json</c> after every change when a
/// data directory is kept, and read back at start.
/// </summary>
public sealed class NotebookStore
{
    /// <summary>The <c>notebook_id</c> that asks <c>append_to_notebook</c> for a notebook called <c>notebook_name</c>.</summary>
    public const string CreateNew = "__create_new__";

    private readonly Lock gate = new();
    private readonly StateFiles files;
    private readonly TimeProvider timeProvider;
    private readonly List<Notebook> notebooks;

    public NotebookStore(StateFiles files, TimeProvider timeProvider)
    {
        this.files = files;
        this.timeProvider = timeProvider;
        notebooks = files.Enabled ? files.Read<List<Notebook>>(Path) ?? [] : [];
    }

    private string Path => files.PathOf("notebooks");

    public IReadOnlyList<NotebookSummary> List()
    {
        lock (gate)
        {
            return [.. notebooks.Select(notebook => new NotebookSummary(notebook.Id, notebook.Name, notebook.CreatedAt, notebook.Rows.Count))];
        }
    }

    /// <summary>The notebook with this id, or else the first one with this name (notebook names are not unique, ids are); null when none.</summary>
    public Notebook? Find(string idOrName)
    {
        lock (gate)
        {
            return notebooks.FirstOrDefault(notebook => notebook.Id == idOrName) ?? notebooks.FirstOrDefault(notebook => notebook.Name == idOrName);
        }
    }

    /// <summary>
    /// Appends copies of <paramref name="rows"/> to the notebook <paramref name="id"/>, or, for
    /// <see cref="CreateNew"/>, to the notebook called <paramref name="name"/>. A notebook that does
    /// not exist yet is created (an exported workflow's notebook id starts empty here). Returns its id.
    /// </summary>
    public string Append(string id, string? name, IEnumerable<JsonObject> rows)
    {
        lock (gate)
        {
            var index = id == CreateNew
                ? notebooks.FindIndex(notebook => notebook.Name == name)
                : notebooks.FindIndex(notebook => notebook.Id == id);
            var notebook = index >= 0
                ? notebooks[index]
                : new Notebook(id == CreateNew ? Guid.NewGuid().ToString("D") : id, name ?? id, timeProvider.GetUtcNow(), []);
            var updated = notebook with { Rows = [.. notebook.Rows, .. rows.Select(row => row.DeepClone().AsObject())] };
            if (index >= 0)
            {
                notebooks[index] = updated;
            }
            else
            {
                notebooks.Add(updated);
            }

            files.Write(Path, notebooks);
            return updated.Id;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            notebooks.Clear();
            files.Write(Path, notebooks);
        }
    }
}
