using System.Text;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Bulk;
using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Services;
using Sixtyfour.Emulator.Storage;

namespace Sixtyfour.Emulator.Tests.Services;

public sealed class BulkJobServiceTests(ServiceFixture emulator) : IClassFixture<ServiceFixture>
{
    private BulkJobService Service => emulator.Service<BulkJobService>();

    private SubmissionRateLimiter Limiter => emulator.Service<SubmissionRateLimiter>();

    private UploadStore Uploads => emulator.Service<UploadStore>();

    [Fact]
    public async Task A_replay_answers_before_the_limit_and_the_limit_before_the_form()
    {
        Limiter.Clear();
        var key = Guid.NewGuid().ToString();
        var first = await Service.StartAsync(BulkIntelligenceKind.People, key, (draft, token) => ReadAsync(draft, token), CancellationToken.None);
        for (var i = 1; i < SubmissionRateLimiter.Limit; i++)
        {
            Assert.True(Limiter.TryAcquire());
        }

        var replay = await Service.StartAsync(BulkIntelligenceKind.People, key, (_, _) => throw new InvalidOperationException("a replay reads no form"), CancellationToken.None);
        var formsRead = 0;
        await Assert.ThrowsAsync<StartRateLimitedException>(() => Service.StartAsync(BulkIntelligenceKind.People, Guid.NewGuid().ToString(), (draft, token) =>
        {
            formsRead++;
            return ReadAsync(draft, token);
        }, CancellationToken.None));

        Assert.True(replay.AlreadyStarted);
        Assert.Same(first.Run, replay.Run);
        Assert.Equal(0, formsRead);
        first.Run.Cancel(emulator.Time.GetUtcNow());
        Limiter.Clear();
    }

    [Fact]
    public async Task Keys_are_per_endpoint()
    {
        Limiter.Clear();
        var key = Guid.NewGuid().ToString();

        var people = await Service.StartAsync(BulkIntelligenceKind.People, key, (draft, token) => ReadAsync(draft, token), CancellationToken.None);
        var company = await Service.StartAsync(BulkIntelligenceKind.Company, key, (draft, token) => ReadAsync(draft, token, """{"struct":{"size":"headcount"}}"""), CancellationToken.None);

        Assert.False(company.AlreadyStarted);
        Assert.NotSame(people.Run, company.Run);
        people.Run.Cancel(emulator.Time.GetUtcNow());
        company.Run.Cancel(emulator.Time.GetUtcNow());
        Limiter.Clear();
    }

    [Fact]
    public async Task The_upload_goes_when_the_job_does_not_start()
    {
        Limiter.Clear();
        Guid? handle = null;

        // The form fails after its file was stored (as a config that is not JSON does, the file part coming first).
        await Assert.ThrowsAsync<InvalidDataException>(() => Service.StartAsync(BulkIntelligenceKind.People, null, async (draft, token) =>
        {
            var job = await ReadAsync(draft, token);
            handle = job.Handle;
            Assert.NotNull(Uploads.Find(job.Handle.ToString("D")));
            throw new InvalidDataException("config is not valid JSON");
        }, CancellationToken.None));

        Assert.NotNull(handle);
        Assert.Null(Uploads.Find(handle.Value.ToString("D")));
        Assert.Empty(Directory.EnumerateFiles(emulator.Service<DataDirectory>().UploadsPath, $"{handle:D}*"));
        Limiter.Clear();
    }

    /// <summary>What the HTTP edge does: the file to the upload store (registered with the draft) and the config.</summary>
    private async Task<BulkJobRequest> ReadAsync(RunDraft draft, CancellationToken token, string config = "{}")
    {
        using var file = new MemoryStream(Encoding.UTF8.GetBytes("first_name,last_name\nAda,Lovelace\n"));
        var handle = await Uploads.SaveAsync(".csv", file, (_, _) => Task.CompletedTask, token);
        draft.OnDiscard(() => Uploads.Delete(handle));
        return new BulkJobRequest(handle, JsonNode.Parse(config)!.AsObject(), RunVariations.None);
    }
}
