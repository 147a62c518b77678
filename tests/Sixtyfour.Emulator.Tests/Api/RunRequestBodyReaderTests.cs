using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Sixtyfour.Emulator.Api;
using Sixtyfour.Emulator.Api.Wire;
using Sixtyfour.Emulator.Engine;

namespace Sixtyfour.Emulator.Tests.Api;

public sealed class RunRequestBodyReaderTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "sf-body-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Records_are_on_disk_before_the_body_has_all_arrived()
    {
        const int Rows = 4000;
        var records = string.Join(',', Enumerable.Range(0, Rows).Select(i => $$"""{"first_name":"n{{i}}","last_name":"x","score":{{i}}}"""));
        var body = Encoding.UTF8.GetBytes($$"""{"specs_override":{"dataframe_type":"LEAD"},"webhook_payload":[{{records}}]}""");
        long onDiskBeforeLastChunk = -1;
        var stream = new TrickleStream(body, 8192, () => onDiskBeforeLastChunk = LinesOnDisk());

        var read = await RunRequestBodyReader.ReadAsync(Request(stream, body.Length), directory, CancellationToken.None);

        // A reader that parsed the body whole would not have written a single record by then. The file
        // writer buffers 64 KiB, so up to ~1,300 of the rows may still be in memory at that moment.
        Assert.True(onDiskBeforeLastChunk >= Rows / 2, $"{onDiskBeforeLastChunk} of {Rows} records were on disk before the last chunk was read");
        Assert.Equal(Rows, read.WebhookPayload!.Count);
        Assert.Equal(Rows, LinesOnDisk());
        Assert.Equal("LEAD", read.SpecsOverride!["dataframe_type"]!.GetValue<string>());
        Assert.Equal("""{"first_name":"n3999","last_name":"x","score":3999}""", File.ReadLines(read.WebhookPayload.Path).Last());
    }

    [Fact]
    public async Task One_object_is_one_record_and_null_is_no_payload()
    {
        var one = await ReadAsync("""{"webhook_payload":{"a":1}}""");
        var none = await ReadAsync("""{"webhook_payload":null,"other":[1,2]}""");

        Assert.Equal(1, one.WebhookPayload!.Count);
        Assert.Null(none.WebhookPayload);
        Assert.Null(none.SpecsOverride);
    }

    [Theory]
    [InlineData("""{"webhook_payload":[{"a":1},{"b":"\ud800"}]}""", "string_unicode", """["body","webhook_payload",1,"b"]""")]
    [InlineData("""{"webhook_payload":[{"a":1},{"a":2,"a":3}]}""", "json_invalid", """["body","webhook_payload",1,"a"]""")]
    [InlineData("""{"webhook_payload":[{"a":1},{"b":"x","a":2,"a":3}]}""", "json_invalid", """["body","webhook_payload",1,"a"]""")]
    [InlineData("""{"webhook_payload":[{"a":1,"\u0061":2}]}""", "json_invalid", """["body","webhook_payload",0,"a"]""")]
    [InlineData("""{"webhook_payload":[{"x":{"b":1,"c":2,"b":3}}]}""", "json_invalid", """["body","webhook_payload",0,"x","b"]""")]
    [InlineData("""{"webhook_payload":[{"x":[1,{"é":"a","é":"b"}]}]}""", "json_invalid", """["body","webhook_payload",0,"x",1,"\u00E9"]""")]
    [InlineData("""{"webhook_payload":[{"x":["ok","\udc00"]}]}""", "string_unicode", """["body","webhook_payload",0,"x",1]""")]
    [InlineData("""{"webhook_payload":[{"a":1}],"webhook_payload":[]}""", "json_invalid", """["body","webhook_payload"]""")]
    [InlineData("""{"webhook_payload":[{"a":1},7]}""", "dict_type", """["body","webhook_payload",1]""")]
    [InlineData("""{"webhook_payload":"text"}""", "list_type", """["body","webhook_payload"]""")]
    [InlineData("""{"specs_override":[]}""", "dict_type", """["body","specs_override"]""")]
    [InlineData("""{"webhook_payload":[{"a":1}""", "json_invalid", """["body",27]""")]
    [InlineData("""[{"a":1}]""", "model_attributes_type", """["body"]""")]
    public async Task Bad_text_is_a_422_naming_where(string body, string type, string location)
    {
        var error = await Assert.ThrowsAsync<ApiException>(() => ReadAsync(body));

        var item = Assert.Single(((HttpValidationError)error.Body).Detail);
        Assert.Equal(type, item.Type);
        Assert.Equal(location, new JsonArray([.. item.Loc.Select(node => node?.DeepClone())]).ToJsonString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(39)]
    public async Task A_repeated_key_among_many_is_found(int repeatAt)
    {
        // 40 keys: more than are compared pairwise, so the set of names finds the repeat.
        var keys = Enumerable.Range(0, 40).Select(i => $"k{i}").ToList();
        keys.Add(keys[repeatAt]);
        var record = "{" + string.Join(',', keys.Select(key => $"\"{key}\":1")) + "}";

        var error = await Assert.ThrowsAsync<ApiException>(() => ReadAsync($$"""{"webhook_payload":[{{record}}]}"""));

        var item = Assert.Single(((HttpValidationError)error.Body).Detail);
        Assert.Equal("json_invalid", item.Type);
        Assert.Equal($"k{repeatAt}", item.Loc[^1]!.GetValue<string>());
    }

    [Fact]
    public async Task Records_are_stored_one_per_line_with_their_text_intact()
    {
        var read = await ReadAsync("""
            {"webhook_payload": [
              {"name": "Jos\u00e9", "city": "Zürich",
               "tags": ["a", "b\nc"], "n": 1.50, "none": null},
              {"k": "v"},
            """ + "{\"cr\":1,\r\"lf\":2}]}");

        var lines = File.ReadAllLines(read.WebhookPayload!.Path);
        Assert.Equal(3, lines.Length);
        var first = JsonNode.Parse(lines[0])!;
        Assert.Equal("José", first["name"]!.GetValue<string>());
        Assert.Equal("Zürich", first["city"]!.GetValue<string>());
        Assert.Equal("b\nc", first["tags"]![1]!.GetValue<string>());
        Assert.Equal("1.50", first["n"]!.ToJsonString());
        Assert.Null(first["none"]);
        Assert.Equal("v", JsonNode.Parse(lines[1])!["k"]!.GetValue<string>());
        Assert.Equal(2, JsonNode.Parse(lines[2])!["lf"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_even_without_a_length()
    {
        var body = Encoding.UTF8.GetBytes("{\"webhook_payload\":[" + string.Join(',', Enumerable.Repeat("{\"a\":\"" + new string('x', 1000) + "\"}", 11_000)) + "]}");

        var error = await Assert.ThrowsAsync<ApiException>(() => RunRequestBodyReader.ReadAsync(Request(new MemoryStream(body), null), directory, CancellationToken.None));

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, error.StatusCode);
    }

    private Task<RunRequestBody> ReadAsync(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return RunRequestBodyReader.ReadAsync(Request(new MemoryStream(bytes), bytes.Length), directory, CancellationToken.None);
    }

    private static HttpRequest Request(Stream body, long? length)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = body;
        context.Request.ContentLength = length;
        return context.Request;
    }

    private long LinesOnDisk()
    {
        var path = Path.Combine(directory, RunPayload.FileName);
        if (!File.Exists(path))
        {
            return 0;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var count = 0L;
        int b;
        while ((b = file.ReadByte()) >= 0)
        {
            count += b == '\n' ? 1 : 0;
        }

        return count;
    }

    /// <summary>A request body that arrives <c>chunk</c> bytes at a time and reports when its last chunk is asked for.</summary>
    private sealed class TrickleStream(byte[] body, int chunk, Action beforeLastChunk) : Stream
    {
        private int position;
        private bool reported;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (!reported && body.Length - position <= chunk)
            {
                reported = true;
                beforeLastChunk();
            }

            var n = Math.Min(Math.Min(chunk, buffer.Length), body.Length - position);
            body.AsSpan(position, n).CopyTo(buffer);
            position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
