using Sixtyfour.Emulator.Catalog;

namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>Test hooks for the state blocks keep: the outbox and the notebooks (mapped into the loopback-only <c>/_emulator</c> group).</summary>
public static class BlockTestHooks
{
    public static RouteGroupBuilder MapBlockTestHooks(this RouteGroupBuilder hooks)
    {
        hooks.MapGet("/outbox", (string? channel, Outbox outbox) => outbox.List(channel));
        hooks.MapGet("/notebooks", (NotebookStore notebooks) => notebooks.List());
        hooks.MapGet("/notebooks/{id}", (string id, NotebookStore notebooks) =>
            notebooks.Find(id) is { } notebook ? Results.Ok(notebook) : Results.NotFound(new { detail = $"Notebook '{id}' not found" }));
        return hooks;
    }
}
