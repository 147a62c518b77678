using System.Collections;
using System.Text.Json;
using Sixtyfour.Adapters;
using Xunit;

namespace Sixtyfour.Tests.Adapters
{
    public sealed class PayloadSpoolTests
    {
        private static async Task<JsonDocument> BodyOf(PayloadSpool spool)
        {
            using var content = spool.Seal()();
            return JsonDocument.Parse(await content.ReadAsStringAsync());
        }

        [Fact]
        public async Task Writes_the_records_as_webhook_payload_with_specs_override()
        {
            using var spool = new PayloadSpool(new Hashtable { ["mode"] = "PERSONAL" });
            spool.Add(new Hashtable { ["a"] = 1 });
            spool.Add(new Hashtable { ["a"] = 2 });
            using var body = await BodyOf(spool);
            Assert.Equal("PERSONAL", body.RootElement.GetProperty("specs_override").GetProperty("mode").GetString());
            Assert.Equal(new[] { 1, 2 }, body.RootElement.GetProperty("webhook_payload").EnumerateArray().Select(r => r.GetProperty("a").GetInt32()));
            Assert.Equal(2, spool.Count);
        }

        [Fact]
        public async Task A_record_that_cannot_be_written_leaves_the_others_and_valid_json()
        {
            using var spool = new PayloadSpool(null);
            spool.Add(new Hashtable { ["n"] = 1 });
            var loop = new Hashtable();
            loop["self"] = loop;
            Assert.Throws<InvalidDataException>(() => spool.Add(loop));
            spool.Add(new Hashtable { ["n"] = 3 });
            using var body = await BodyOf(spool);
            Assert.Equal(new[] { 1, 3 }, body.RootElement.GetProperty("webhook_payload").EnumerateArray().Select(r => r.GetProperty("n").GetInt32()));
            Assert.Equal(2, spool.Count);
        }

        [Fact]
        public async Task The_body_can_be_sent_again_for_a_retry()
        {
            using var spool = new PayloadSpool(null);
            for (var i = 0; i < 5000; i++) spool.Add(new Hashtable { ["i"] = i, ["text"] = new string('x', 50) });
            var content = spool.Seal();
            var first = await content().ReadAsStringAsync();
            var second = await content().ReadAsStringAsync();
            Assert.Equal(first, second);
            Assert.Equal(5000, JsonDocument.Parse(first).RootElement.GetProperty("webhook_payload").GetArrayLength());
        }
    }
}
