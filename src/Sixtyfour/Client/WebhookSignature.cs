using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sixtyfour.Client
{
    /// <summary>
    /// Sixtyfour's outgoing-webhook signature: <c>Sixtyfour-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;[,v1=…]</c>, where each
    /// v1 is HMAC-SHA256(secret, "t.body"). During a secret rotation a delivery carries two v1 values.
    /// </summary>
    internal static class WebhookSignature
    {
        public static string Compute(byte[] secret, long timestamp, byte[] body)
        {
            using var hmac = new HMACSHA256(secret);
            var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
            hmac.TransformBlock(prefix, 0, prefix.Length, null, 0);
            hmac.TransformFinalBlock(body, 0, body.Length);
            return ToHex(hmac.Hash!);
        }

        /// <summary>Why a signature was rejected, or <see cref="SignatureCheck.Valid"/>.</summary>
        public static SignatureCheck Verify(string header, byte[] secret, byte[] body, DateTimeOffset now, TimeSpan tolerance)
        {
            if (!TryParse(header, out var timestamp, out var signatures)) return SignatureCheck.Malformed;
            if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds) return SignatureCheck.OutsideTolerance;
            var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, body));
            var match = false;
            // Every candidate is compared in full, in constant time, so timing tells nothing about which came close.
            foreach (var candidate in signatures)
                match |= FixedTimeEquals(expected, Encoding.ASCII.GetBytes(candidate.ToLowerInvariant()));
            return match ? SignatureCheck.Valid : SignatureCheck.Mismatch;
        }

        private static bool TryParse(string header, out long timestamp, out List<string> signatures)
        {
            timestamp = 0;
            signatures = new List<string>();
            var haveTimestamp = false;
            foreach (var part in (header ?? string.Empty).Split(','))
            {
                var pair = part.Trim().Split(new[] { '=' }, 2);
                if (pair.Length != 2) continue;
                if (pair[0] == "t") haveTimestamp = long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out timestamp);
                else if (pair[0] == "v1" && pair[1].Length > 0) signatures.Add(pair[1]);
            }
            return haveTimestamp && signatures.Count > 0;
        }

        private static bool FixedTimeEquals(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            var difference = 0;
            for (var i = 0; i < a.Length; i++) difference |= a[i] ^ b[i];
            return difference == 0;
        }

        private static string ToHex(byte[] bytes) => BitConverter.ToString(bytes).Replace("-", string.Empty).ToLowerInvariant();
    }

    internal enum SignatureCheck
    {
        Valid,
        Malformed,
        OutsideTolerance,
        Mismatch,
    }
}
