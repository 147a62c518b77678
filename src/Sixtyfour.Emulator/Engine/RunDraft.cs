namespace Sixtyfour.Emulator.Engine;

/// <summary>
/// A run being started: its id and directory are chosen before the request is read, so its inputs
/// can be stored as they arrive. Until <see cref="Launched"/>, everything it holds is an orphan in
/// waiting, which <see cref="Discard"/> removes (the directory, and whatever was registered with <see cref="OnDiscard"/>).
/// </summary>
public sealed class RunDraft(Guid id, string directory)
{
    private readonly List<Action> cleanUp = [];

    public Guid Id { get; } = id;

    public string Directory { get; } = directory;

    public bool Launched { get; private set; }

    /// <summary>Something stored for this run elsewhere (an upload) that must go if the run never starts.</summary>
    public void OnDiscard(Action action) => cleanUp.Add(action);

    public void MarkLaunched() => Launched = true;

    /// <summary>Removes what a start that failed left behind; nothing once the run was launched.</summary>
    public void Discard()
    {
        if (Launched)
        {
            return;
        }

        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        foreach (var action in cleanUp)
        {
            action();
        }
    }
}
