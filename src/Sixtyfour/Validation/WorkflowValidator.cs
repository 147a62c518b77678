using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Sixtyfour.Adapters;
using Sixtyfour.Models;

namespace Sixtyfour.Validation
{
    /// <summary>
    /// Checks a workflow definition before it is sent: its graph (ids, edges, one source, no cycle), its blocks and
    /// specs against the block catalog, and the LEAD/COMPANY type of the rows along each edge. Without a catalog it
    /// checks what it can: the graph, and types by the published rule.
    /// </summary>
    internal sealed class WorkflowValidator
    {
        /// <summary>Sources a run started through the API can feed: webhook takes the records, read_csv an upload's handle.</summary>
        private static readonly string[] ApiStartable = { "webhook", "read_csv" };

        private readonly Dictionary<string, SfBlockType>? _catalog;

        /// <param name="catalog">GET /workflows/blocks; null when it could not be fetched.</param>
        public WorkflowValidator(IEnumerable<SfBlockType>? catalog)
        {
            _catalog = catalog?.GroupBy(b => b.BlockName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        }

        public IReadOnlyList<SfWorkflowFinding> Validate(SfWorkflowDefinition definition)
        {
            var findings = new List<SfWorkflowFinding>();
            var blocks = definition.Blocks.Select((block, index) => new Node(block, index)).ToList();
            var byId = new Dictionary<string, Node>(StringComparer.Ordinal);
            foreach (var node in blocks.Where(n => n.Id != null))
            {
                if (byId.ContainsKey(node.Id!)) findings.Add(Error(SfFindingRule.DuplicateBlockId, node.Id, $"Two blocks have the id '{node.Id}', so edges to it are ambiguous."));
                else byId[node.Id!] = node;
            }
            foreach (var edge in definition.Edges)
            {
                byId.TryGetValue(edge.FromBlockId, out var from);
                byId.TryGetValue(edge.ToBlockId, out var to);
                if (from is null) findings.Add(Error(SfFindingRule.UnknownEdgeEnd, edge.FromBlockId, $"The edge {edge} starts at '{edge.FromBlockId}', which is no block's id."));
                if (to is null) findings.Add(Error(SfFindingRule.UnknownEdgeEnd, edge.ToBlockId, $"The edge {edge} ends at '{edge.ToBlockId}', which is no block's id."));
                if (from is null || to is null) continue;
                from.Children.Add(to);
                to.Parents.Add(from);
            }
            foreach (var node in blocks) CheckBlock(node, findings);
            CheckSources(blocks, findings);
            var inCycle = FindCycles(blocks, findings);
            CheckTypes(blocks, inCycle, findings);
            return findings;
        }

        private void CheckBlock(Node node, List<SfWorkflowFinding> findings)
        {
            if (_catalog is null) return;
            if (!_catalog.TryGetValue(node.Block.BlockName, out var known))
            {
                findings.Add(Error(SfFindingRule.UnknownBlock, node.Id,
                    $"Block {node} uses '{node.Block.BlockName}', which is not in the block catalog (Get-SfWorkflowBlock lists it)."));
                return;
            }
            foreach (var problem in SchemaCheck.Problems(node.Specs, known.Schema, "specs"))
                findings.Add(Error(SfFindingRule.SpecsInvalid, node.Id, $"Block {node} ({node.Block.BlockName}): {problem}."));
        }

        private void CheckSources(List<Node> blocks, List<SfWorkflowFinding> findings)
        {
            if (blocks.Count == 0)
            {
                findings.Add(Error(SfFindingRule.NoSource, null, "The definition has no blocks; a workflow starts with a source block such as webhook or read_csv."));
                return;
            }
            foreach (var node in blocks.Where(n => n.Parents.Count > 0 && Typing(n)?.IsSource == true))
                findings.Add(Error(SfFindingRule.SourceHasInput, node.Id, $"Block {node} ({node.Block.BlockName}) is a source, so it cannot have incoming edges."));
            var sources = blocks.Where(n => n.Parents.Count == 0).ToList();
            if (sources.Count == 0)
            {
                findings.Add(Error(SfFindingRule.NoSource, null, "Every block has an incoming edge, so none can start the workflow."));
                return;
            }
            foreach (var extra in sources.Skip(1))
                findings.Add(Error(SfFindingRule.SeveralSources, extra.Id,
                    $"Block {extra} ({extra.Block.BlockName}) has no incoming edge, so it is a second source after {sources[0]}; a workflow has one source and every other block is connected to it."));
            var source = sources[0];
            if (ApiStartable.Contains(source.Block.BlockName)) return;
            var accepts = Typing(source)?.Accepts;
            if (accepts != null && accepts.Count > 0)
                findings.Add(Error(SfFindingRule.SourceCannotStart, source.Id,
                    $"Block {source} ({source.Block.BlockName}) works on the rows of another block, but nothing leads into it; start the workflow with webhook or read_csv."));
            else
                findings.Add(Warning(SfFindingRule.SourceCannotStart, source.Id,
                    $"The workflow starts with {source} ({source.Block.BlockName}): Start-SfWorkflowRun can start runs only of workflows that start with webhook (records) or read_csv (a file)."));
        }

        /// <summary>Reports each cycle once, as the path that closes it; returns the blocks on cycles.</summary>
        private static HashSet<Node> FindCycles(List<Node> blocks, List<SfWorkflowFinding> findings)
        {
            var onCycle = new HashSet<Node>();
            var state = new Dictionary<Node, bool>(); // false: on the current path; true: done
            var path = new List<Node>();

            void Visit(Node node)
            {
                state[node] = false;
                path.Add(node);
                foreach (var child in node.Children)
                {
                    if (!state.TryGetValue(child, out var done)) Visit(child);
                    else if (!done)
                    {
                        var cycle = path.Skip(path.IndexOf(child)).ToList();
                        onCycle.UnionWith(cycle);
                        findings.Add(Error(SfFindingRule.Cycle, child.Id,
                            $"The edges form a cycle: {string.Join(" -> ", cycle.Concat(new[] { child }).Select(n => n.Id))}; a workflow is a graph without cycles."));
                    }
                }
                path.RemoveAt(path.Count - 1);
                state[node] = true;
            }

            foreach (var node in blocks.Where(n => !state.ContainsKey(n))) Visit(node);
            return onCycle;
        }

        /// <summary>Works out each block's row type in graph order and compares it with what the next block takes.</summary>
        private void CheckTypes(List<Node> blocks, HashSet<Node> inCycle, List<SfWorkflowFinding> findings)
        {
            var types = new Dictionary<Node, string?>();
            var pending = blocks.ToDictionary(n => n, n => n.Parents.Count);
            var ready = new Queue<Node>(blocks.Where(n => n.Parents.Count == 0));
            while (ready.Count > 0)
            {
                var node = ready.Dequeue();
                var typing = Typing(node);
                var given = node.Parents.Select(p => (Parent: p, Type: types[p])).Where(p => p.Type != null).ToList();
                var input = given.Select(p => p.Type).FirstOrDefault();
                var other = given.FirstOrDefault(p => p.Type != input);
                if (other.Parent != null)
                {
                    var first = given.First(p => p.Type == input);
                    findings.Add(Error(SfFindingRule.TypeMismatch, node.Id,
                        $"Block {node} ({node.Block.BlockName}) gets {input} rows from {first.Parent} and {other.Type} rows from {other.Parent}; all its inputs must give the same type."));
                }
                else if (input != null && typing?.Accepts is { Count: > 0 } accepts && !accepts.Contains(input))
                {
                    var parent = given[0].Parent;
                    findings.Add(Error(SfFindingRule.TypeMismatch, node.Id,
                        $"Edge {parent.Id} -> {node.Id}: {node} ({node.Block.BlockName}) takes {string.Join(" or ", accepts)} rows, but {parent} ({parent.Block.BlockName}) gives {input} rows."));
                    // Go on as if the block got what it takes, so one wrong edge is not reported again at every block after it.
                    input = accepts.Count == 1 ? accepts[0] : null;
                }
                types[node] = typing?.OutputOf(input, node.Specs);
                foreach (var child in node.Children.Where(c => !inCycle.Contains(c)))
                    if (--pending[child] == 0) ready.Enqueue(child);
            }
        }

        /// <summary>The block's typing; null for a block the catalog does not have (already reported).</summary>
        private BlockTyping? Typing(Node node)
        {
            var name = node.Block.BlockName;
            if (_catalog is null) return BlockTyping.Of(name, null);
            return _catalog.TryGetValue(name, out var known) ? BlockTyping.Of(name, known.Schema) : null;
        }

        private static SfWorkflowFinding Error(SfFindingRule rule, string? blockId, string message) => new SfWorkflowFinding(SfFindingSeverity.Error, rule, blockId, message);

        private static SfWorkflowFinding Warning(SfFindingRule rule, string? blockId, string message) => new SfWorkflowFinding(SfFindingSeverity.Warning, rule, blockId, message);

        private sealed class Node
        {
            public Node(SfBlock block, int index)
            {
                Block = block;
                Index = index;
                using var specs = JsonDocument.Parse(JsonBody.Serialize(block.Specs));
                Specs = specs.RootElement.Clone();
            }

            public SfBlock Block { get; }
            public int Index { get; }
            public string? Id => Block.BlockId;
            public JsonElement Specs { get; }
            public List<Node> Parents { get; } = new List<Node>();
            public List<Node> Children { get; } = new List<Node>();

            /// <summary>How messages name the block: its id, else its place in the list.</summary>
            public override string ToString() => Id != null ? $"'{Id}'" : $"#{Index + 1}";
        }
    }
}
