using System.Text.Json;
using Sixtyfour.Adapters;
using Sixtyfour.Models;
using Sixtyfour.Validation;
using Xunit;

namespace Sixtyfour.Tests.Validation
{
    public sealed class WorkflowValidatorTests
    {
        private const string Dataframe = """{ "type": "string", "enum": ["LEAD", "COMPANY"], "default": "LEAD" }""";

        /// <summary>Schemas as the emulator serves them, without the typing keywords (so the published rule applies).</summary>
        private static readonly SfBlockType[] Catalog =
        {
            Block("webhook", $$"""{ "type": "object", "properties": { "input_schema": { "type": "object", "additionalProperties": { "type": "object" } }, "dataframe_type": {{Dataframe}} }, "additionalProperties": false }"""),
            Block("read_csv", $$"""{ "type": "object", "properties": { "resource_handle_id": { "type": "string" }, "dataframe_type": {{Dataframe}} }, "additionalProperties": false }"""),
            Block("search", $$"""{ "type": "object", "properties": { "query": { "type": "string", "minLength": 1 }, "dataframe_type": {{Dataframe}} }, "required": ["query"] }"""),
            Block("find_email", """{ "type": "object", "properties": { "mode": { "type": "string", "enum": ["PROFESSIONAL", "PERSONAL"] } }, "additionalProperties": false }"""),
            Block("verify_email", """{ "type": "object", "properties": { "email_column": { "type": "string" } }, "additionalProperties": false }"""),
            Block("company_enrichment", """{ "type": "object", "properties": { "return_fields": { "type": "object" } }, "required": ["return_fields"], "additionalProperties": false }"""),
            Block("company_to_leads", """{ "type": "object", "properties": { "max_people": { "type": "integer", "minimum": 1, "maximum": 10 } }, "additionalProperties": false }"""),
            Block("filter", """
                { "type": "object", "additionalProperties": false, "required": ["filters"],
                  "properties": { "filters": { "type": "array", "items": { "type": "object", "required": ["column", "operator"],
                    "properties": { "column": { "type": "string" }, "operator": { "type": "string", "enum": ["equals", "greater"] } } } } } }
                """),
            Block("deduplicate", """{ "type": "object", "properties": { "columns": { "type": ["array", "string"], "items": { "type": "string" } } }, "additionalProperties": false }"""),
        };

        [Fact]
        public void A_sound_definition_has_no_findings_with_or_without_the_catalog()
        {
            var definition = Chain(("input", "webhook", "{}"), ("emails", "find_email", """{"mode":"PROFESSIONAL"}"""), ("verify", "verify_email", "{}"),
                ("keep", "filter", """{"filters":[{"column":"email_status","operator":"equals","value":"OK"}]}"""));
            Assert.Empty(new WorkflowValidator(Catalog).Validate(definition));
            Assert.Empty(new WorkflowValidator(null).Validate(definition));
        }

        [Fact]
        public void A_block_the_catalog_lacks_is_an_unknown_block()
        {
            var finding = Assert.Single(Validate(Chain(("input", "webhook", "{}"), ("x", "enrich_lead", "{}"))));
            Assert.Equal((SfFindingSeverity.Error, SfFindingRule.UnknownBlock, "x"), (finding.Severity, finding.Rule, finding.BlockId));
            Assert.Contains("'enrich_lead'", finding.Message);
        }

        [Fact]
        public void Without_a_catalog_block_names_and_specs_are_not_checked()
        {
            Assert.Empty(new WorkflowValidator(null).Validate(Chain(("input", "webhook", "{}"), ("x", "enrich_lead", """{"anything":1}"""))));
        }

        [Theory]
        [InlineData("find_email", """{"mode":"WORK"}""", "specs.mode must be one of \"PROFESSIONAL\", \"PERSONAL\", not \"WORK\"")]
        [InlineData("find_email", """{"mood":"x"}""", "specs.mood is not a setting of this block (it has mode)")]
        [InlineData("verify_email", """{"email_column":7}""", "specs.email_column must be string, not 7")]
        [InlineData("company_to_leads", """{"max_people":50}""", "specs.max_people must be at most 10, not 50")]
        [InlineData("company_to_leads", """{"max_people":0}""", "specs.max_people must be at least 1, not 0")]
        [InlineData("company_to_leads", """{"max_people":2.5}""", "specs.max_people must be integer, not 2.5")]
        [InlineData("filter", "{}", "specs.filters is required")]
        [InlineData("filter", """{"filters":[{"column":"a","operator":"like"}]}""", "specs.filters[0].operator must be one of \"equals\", \"greater\", not \"like\"")]
        [InlineData("filter", """{"filters":[{"operator":"equals"}]}""", "specs.filters[0].column is required")]
        [InlineData("deduplicate", """{"columns":["a",3]}""", "specs.columns[1] must be string, not 3")]
        [InlineData("webhook", """{"input_schema":{"email":"str"}}""", "specs.input_schema.email must be object, not \"str\"")]
        [InlineData("search", """{"query":""}""", "specs.query must have at least 1 characters, not 0")]
        public void Specs_that_break_their_schema_are_named_by_path(string block, string specs, string problem)
        {
            var source = block is "webhook" or "search" ? (block, specs) : ("webhook", "{}");
            var blocks = new List<(string, string, string)> { ("first", source.Item1, source.Item2) };
            if (!(block is "webhook" or "search")) blocks.Add(("second", block, specs));
            // Only the specs matter here (company_to_leads after a LEAD webhook is a type mismatch too).
            var finding = Assert.Single(Validate(Chain(blocks.ToArray())), f => f.Rule == SfFindingRule.SpecsInvalid);
            Assert.Equal((SfFindingSeverity.Error, SfFindingRule.SpecsInvalid, blocks[^1].Item1), (finding.Severity, finding.Rule, finding.BlockId));
            Assert.Contains(problem + ".", finding.Message);
        }

        [Fact]
        public void Null_settings_count_as_not_given_and_unknown_keywords_are_ignored()
        {
            var lenient = new[] { Block("webhook", """{ "type": "object", "properties": { "name": { "type": "string", "pattern": "^x$", "x-note": 1 } }, "if": false }""") };
            var findings = new WorkflowValidator(lenient).Validate(Chain(("input", "webhook", """{"name":null}""")));
            Assert.Empty(findings);
            Assert.Empty(new WorkflowValidator(lenient).Validate(Chain(("input", "webhook", """{"name":"y"}"""))));
        }

        [Fact]
        public void An_edge_to_or_from_an_unknown_id_is_reported_at_that_id()
        {
            var definition = Definition(Blocks(("input", "webhook", "{}"), ("verify", "verify_email", "{}")),
                ("input", "verify"), ("input", "ghost"), ("phantom", "verify"));
            var findings = Validate(definition);
            Assert.Equal(new[] { ("ghost", SfFindingRule.UnknownEdgeEnd), ("phantom", SfFindingRule.UnknownEdgeEnd) },
                findings.Select(f => (f.BlockId!, f.Rule)).ToArray());
            Assert.All(findings, f => Assert.Equal(SfFindingSeverity.Error, f.Severity));
        }

        [Fact]
        public void A_cycle_is_reported_once_with_its_path()
        {
            var definition = Definition(Blocks(("input", "webhook", "{}"), ("a", "filter", Keep), ("b", "deduplicate", "{}"), ("c", "verify_email", "{}")),
                ("input", "a"), ("a", "b"), ("b", "c"), ("c", "a"));
            var finding = Assert.Single(Validate(definition));
            Assert.Equal((SfFindingSeverity.Error, SfFindingRule.Cycle, "a"), (finding.Severity, finding.Rule, finding.BlockId));
            Assert.Contains("a -> b -> c -> a", finding.Message);
        }

        [Fact]
        public void A_graph_that_is_all_cycle_has_no_source()
        {
            var definition = Definition(Blocks(("a", "filter", Keep), ("b", "deduplicate", "{}")), ("a", "b"), ("b", "a"));
            var rules = Validate(definition).Select(f => (f.Rule, f.BlockId)).ToArray();
            Assert.Equal(new (SfFindingRule, string?)[] { (SfFindingRule.NoSource, null), (SfFindingRule.Cycle, "a") }, rules);
        }

        [Fact]
        public void No_blocks_is_no_source()
        {
            var finding = Assert.Single(Validate(Definition(Blocks())));
            Assert.Equal((SfFindingSeverity.Error, SfFindingRule.NoSource, (string?)null), (finding.Severity, finding.Rule, finding.BlockId));
        }

        [Fact]
        public void Each_block_without_incoming_edges_after_the_first_is_another_source()
        {
            var definition = Definition(Blocks(("input", "webhook", "{}"), ("verify", "verify_email", "{}"), ("file", "read_csv", "{}"), ("loose", "deduplicate", "{}")),
                ("input", "verify"));
            var findings = Validate(definition);
            Assert.Equal(new[] { "file", "loose" }, findings.Select(f => f.BlockId!).ToArray());
            Assert.All(findings, f => Assert.Equal((SfFindingSeverity.Error, SfFindingRule.SeveralSources), (f.Severity, f.Rule)));
        }

        [Fact]
        public void A_source_the_api_cannot_start_is_a_warning()
        {
            var finding = Assert.Single(Validate(Chain(("find", "search", """{"query":"CTOs"}"""), ("emails", "find_email", "{}"))));
            Assert.Equal((SfFindingSeverity.Warning, SfFindingRule.SourceCannotStart, "find"), (finding.Severity, finding.Rule, finding.BlockId));
            Assert.Empty(Validate(Chain(("file", "read_csv", "{}"), ("emails", "find_email", "{}"))));
        }

        [Fact]
        public void A_first_block_that_needs_input_cannot_start_a_run()
        {
            var finding = Assert.Single(Validate(Chain(("emails", "find_email", "{}"), ("verify", "verify_email", "{}"))));
            Assert.Equal((SfFindingSeverity.Error, SfFindingRule.SourceCannotStart, "emails"), (finding.Severity, finding.Rule, finding.BlockId));
        }

        [Fact]
        public void A_block_whose_typing_is_unknown_starting_the_graph_is_only_a_warning()
        {
            var finding = Assert.Single(new WorkflowValidator(null).Validate(Chain(("yc", "yc_batches", "{}"), ("keep", "filter", Keep))));
            Assert.Equal((SfFindingSeverity.Warning, SfFindingRule.SourceCannotStart, "yc"), (finding.Severity, finding.Rule, finding.BlockId));
        }

        [Fact]
        public void A_source_with_an_incoming_edge_is_reported()
        {
            var definition = Definition(Blocks(("input", "webhook", "{}"), ("again", "read_csv", "{}")), ("input", "again"));
            var finding = Assert.Single(Validate(definition));
            Assert.Equal((SfFindingSeverity.Error, SfFindingRule.SourceHasInput, "again"), (finding.Severity, finding.Rule, finding.BlockId));
        }

        [Fact]
        public void A_repeated_block_id_is_reported_and_edges_go_to_its_first_block()
        {
            var definition = Definition(Blocks(("input", "webhook", "{}"), ("step", "verify_email", "{}"), ("step", "find_email", "{}")), ("input", "step"));
            var findings = Validate(definition);
            Assert.Equal(new[] { (SfFindingRule.DuplicateBlockId, "step"), (SfFindingRule.SeveralSources, "step") }, findings.Select(f => (f.Rule, f.BlockId!)).ToArray());
            Assert.Contains("(find_email)", findings[1].Message);
        }

        [Fact]
        public void Company_rows_into_a_lead_only_block_are_a_type_mismatch_by_the_published_rule_reported_once()
        {
            var definition = Chain(("input", "webhook", """{"dataframe_type":"COMPANY"}"""), ("enrich", "company_enrichment", """{"return_fields":{}}"""),
                ("emails", "find_email", "{}"), ("verify", "verify_email", "{}"));
            foreach (var findings in new[] { Validate(definition), new WorkflowValidator(null).Validate(definition) })
            {
                var finding = Assert.Single(findings);
                Assert.Equal((SfFindingSeverity.Error, SfFindingRule.TypeMismatch, "emails"), (finding.Severity, finding.Rule, finding.BlockId));
                Assert.Contains("Edge enrich -> emails", finding.Message);
                Assert.Contains("takes LEAD rows, but 'enrich' (company_enrichment) gives COMPANY rows", finding.Message);
            }
        }

        [Fact]
        public void Lead_rows_by_default_into_a_company_block_are_a_type_mismatch_and_a_converter_fixes_it()
        {
            var wrong = Validate(Chain(("input", "webhook", "{}"), ("enrich", "company_enrichment", """{"return_fields":{}}""")));
            Assert.Equal(("enrich", SfFindingRule.TypeMismatch), (Assert.Single(wrong).BlockId!, wrong[0].Rule));
            Assert.Empty(Validate(Chain(("input", "webhook", """{"dataframe_type":"COMPANY"}"""), ("people", "company_to_leads", "{}"), ("emails", "find_email", "{}"),
                ("keep", "filter", Keep))));
        }

        [Fact]
        public void Parents_that_give_different_types_are_a_type_mismatch()
        {
            var definition = Definition(Blocks(("input", "webhook", """{"dataframe_type":"COMPANY"}"""), ("a", "deduplicate", "{}"), ("people", "company_to_leads", "{}"),
                ("b", "filter", Keep)), ("input", "a"), ("a", "b"), ("input", "people"), ("people", "b"));
            var joined = Assert.Single(Validate(definition));
            Assert.Equal((SfFindingSeverity.Error, SfFindingRule.TypeMismatch, "b"), (joined.Severity, joined.Rule, joined.BlockId));
            Assert.Contains("gets COMPANY rows from 'a' and LEAD rows from 'people'", joined.Message);
        }

        [Fact]
        public void The_catalogs_typing_keywords_win_over_the_published_rule()
        {
            var typed = new[]
            {
                Block("webhook", """{ "type": "object", "x-input-types": [], "x-output-type": "specs.dataframe_type" }"""),
                Block("find_email", """{ "type": "object", "x-input-types": ["LEAD", "COMPANY"], "x-output-type": "same_as_input" }"""),
                Block("lookalikes", """{ "type": "object", "x-input-types": ["COMPANY"], "x-output-type": "COMPANY" }"""),
            };
            var validator = new WorkflowValidator(typed);
            Assert.Empty(validator.Validate(Chain(("input", "webhook", """{"dataframe_type":"COMPANY"}"""), ("emails", "find_email", "{}"))));
            var finding = Assert.Single(validator.Validate(Chain(("input", "webhook", "{}"), ("similar", "lookalikes", "{}"))));
            Assert.Equal((SfFindingRule.TypeMismatch, "similar"), (finding.Rule, finding.BlockId));
        }

        [Fact]
        public void A_catalog_without_typing_never_fails_a_block_the_rule_does_not_name()
        {
            var catalog = Catalog.Append(Block("scrape_web", """{ "type": "object" }""")).ToArray();
            Assert.Empty(new WorkflowValidator(catalog).Validate(Chain(("input", "webhook", """{"dataframe_type":"COMPANY"}"""), ("web", "scrape_web", "{}"),
                ("enrich", "company_enrichment", """{"return_fields":{}}"""))));
        }

        private const string Keep = """{"filters":[{"column":"email_status","operator":"equals"}]}""";

        private static IReadOnlyList<SfWorkflowFinding> Validate(SfWorkflowDefinition definition) => new WorkflowValidator(Catalog).Validate(definition);

        private static SfBlockType Block(string name, string schema)
        {
            using var document = JsonDocument.Parse(schema);
            return new SfBlockType { BlockName = name, Schema = document.RootElement.Clone() };
        }

        private static string Blocks(params (string Id, string Name, string Specs)[] blocks) =>
            string.Join(",", blocks.Select((b, i) => $$"""{"sequence_number":{{i + 1}},"block_type":"{{b.Name}}","block_name":"{{b.Name}}","block_id":"{{b.Id}}","specs":{{b.Specs}}}"""));

        private static SfWorkflowDefinition Definition(string blocks, params (string From, string To)[] edges) =>
            WorkflowDocument.DefinitionFrom($$"""{"blocks":[{{blocks}}],"edges":[{{string.Join(",", edges.Select(e => $$"""{"from_block_id":"{{e.From}}","to_block_id":"{{e.To}}"}"""))}}]}""");

        /// <summary>The blocks joined one after the other.</summary>
        private static SfWorkflowDefinition Chain(params (string Id, string Name, string Specs)[] blocks) =>
            Definition(Blocks(blocks), blocks.Zip(blocks.Skip(1), (a, b) => (a.Id, b.Id)).ToArray());
    }
}
