using System;
using Sixtyfour.Commands;
using Sixtyfour.Models;
using Xunit;

namespace Sixtyfour.Tests.Commands
{
    public sealed class ExportSfWorkflowCommandTests
    {
        private static string FileName(string name, string id) => ExportSfWorkflowCommand.FileName(new SfWorkflow { Name = name, Id = id });

        [Fact]
        public void The_name_is_kept_whole_with_unsafe_characters_replaced()
        {
            var file = FileName("a/b: c\\d", "3f2a1b9c-0000-4000-8000-000000000001");
            Assert.Matches(@"^a_b_ c_d \([0-9a-f]{8}\)\.json$", file);
        }

        [Fact]
        public void Workflows_that_share_a_name_or_differ_only_in_case_get_different_files()
        {
            var a = FileName("Leads", "5f000000-0000-4000-8000-000000000001");
            var b = FileName("Leads", "5f000000-0000-4000-8000-000000000002");
            var c = FileName("leads", "5f000000-0000-4000-8000-000000000003");
            Assert.NotEqual(a, b, StringComparer.OrdinalIgnoreCase);
            Assert.NotEqual(a, c, StringComparer.OrdinalIgnoreCase);
            Assert.NotEqual(b, c, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>Pinned: a new tag for the same workflow would rename every exported file in users' repositories.</summary>
        [Fact]
        public void The_same_workflow_always_gets_the_same_file() =>
            Assert.Equal("Enrich Leads (f74f648d).json", FileName("Enrich Leads", "5f000000-0000-4000-8000-000000000002"));

        [Theory]
        [InlineData("CON")]
        [InlineData("")]
        [InlineData("..")]
        public void Reserved_or_empty_names_still_make_a_usable_file(string name) =>
            Assert.Matches(@"^[^/\\]*\([0-9a-f]{8}\)\.json$", FileName(name, "id-1"));
    }
}
