using System.Globalization;
using System.Management.Automation;
using Sixtyfour.Commands;
using Sixtyfour.Models;
using Xunit;

namespace Sixtyfour.Tests.Commands
{
    /// <summary>
    /// The error policy seen from a script: one input's failure is an error record for that input, and the command
    /// goes on with the others. The module runs in a real PowerShell against a scripted API.
    /// </summary>
    [Collection(nameof(SessionState))]
    public sealed class ErrorPolicyTests : IDisposable
    {
        private readonly FakeApi _api = new FakeApi();
        private readonly PowerShell _ps = PowerShell.Create();

        public ErrorPolicyTests()
        {
            _ps.AddCommand("Import-Module").AddParameter("Assembly", typeof(SixtyfourCmdlet).Assembly).AddStatement()
                .AddScript("param($Uri) Connect-SfAccount -ApiKey (ConvertTo-SecureString 'k' -AsPlainText -Force) -BaseUri $Uri -SkipCheck | Out-Null")
                .AddArgument(_api.BaseUri.ToString().TrimEnd('/'));
            _ps.Invoke();
            Assert.Empty(_ps.Streams.Error);
            _ps.Commands.Clear();
        }

        private static string Completed(string id) =>
            $$"""{"run_id":"{{id}}","workflow_id":"w","overall_status":"completed","total_blocks":1,"completed_blocks":1}""";

        private string Links(string file) =>
            $$"""[{"filename":"{{file}}","block_number":1,"row_count":2,"download_url":"{{new Uri(_api.BaseUri, "files/" + file)}}"}]""";

        [Fact]
        public void A_malformed_NDJSON_line_is_one_error_for_its_result_and_the_next_run_is_still_read()
        {
            _api.Route("/workflows/runs/j1/live_status", 200, Completed("j1"))
                .Route("/workflows/runs/j2/live_status", 200, Completed("j2"))
                .Route("/workflows/runs/j1/results", 200, Links("j1.ndjson"))
                .Route("/workflows/runs/j2/results", 200, Links("j2.ndjson"))
                .Route("/files/j1.ndjson", 200, "{\"n\":1}\nthis is not JSON\n{\"n\":3}\n")
                .Route("/files/j2.ndjson", 200, "{\"n\":4}\n{\"n\":5}\n");

            var rows = _ps.AddCommand("Get-SfWorkflowResult").AddParameter("JobId", new[] { "j1", "j2" }).AddParameter("Format", "ndjson").Invoke();

            Assert.Equal(new[] { 1, 4, 5 }, rows.Select(r => Convert.ToInt32(r.Properties["n"].Value, CultureInfo.InvariantCulture)));
            var error = Assert.Single(_ps.Streams.Error);
            Assert.Equal("InvalidResponseData,Sixtyfour.Commands.GetSfWorkflowResultCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Contains("Line 2", error.ErrorDetails.Message);
            // A result that cannot be read as rows can still be saved as it is; the hint says so, for this command only.
            Assert.Contains("Save-SfWorkflowResult", error.ErrorDetails.RecommendedAction);
            Assert.Equal("j1.ndjson", ((SfResultLink)PSObject.AsPSObject(error.TargetObject).BaseObject).Filename);
        }

        [Fact]
        public void One_wait_that_fails_is_that_runs_error_and_the_other_waits_go_on()
        {
            // An empty answer is no status at all: j1's wait fails, j2's does not.
            _api.Route("/workflows/runs/j1/live_status", 200, "null")
                .Route("/workflows/runs/j2/live_status", 200, Completed("j2"));

            var runs = _ps.AddCommand("Wait-SfWorkflowRun").AddParameter("JobId", new[] { "j1", "j2" }).AddParameter("PollingIntervalSec", 0.05).Invoke();

            Assert.Equal("j2", Assert.Single(runs).Properties["JobId"].Value);
            var error = Assert.Single(_ps.Streams.Error);
            Assert.Equal("j1", ((PSObject)PSObject.AsPSObject(error.TargetObject)).Properties["JobId"].Value);
            // An unreadable status has no file to save: the hint fits a wait.
            Assert.Equal("InvalidResponseData,Sixtyfour.Commands.WaitSfWorkflowRunCommand", error.FullyQualifiedErrorId);
            Assert.DoesNotContain("Save-SfWorkflowResult", error.ErrorDetails.RecommendedAction);
        }

        public void Dispose()
        {
            _ps.Commands.Clear();
            _ps.AddCommand("Disconnect-SfAccount").Invoke();
            _ps.Dispose();
            _api.Dispose();
        }
    }

    /// <summary>The module's session (Connect-SfAccount) is one per process: the classes that set it run one at a time.</summary>
    [CollectionDefinition(nameof(SessionState), DisableParallelization = true)]
    public sealed class SessionState { }
}
