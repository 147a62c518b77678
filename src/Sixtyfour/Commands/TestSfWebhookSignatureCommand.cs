using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using Sixtyfour.Client;

namespace Sixtyfour.Commands
{
    /// <summary>
    /// Checks that a webhook delivery really comes from Sixtyfour: the Sixtyfour-Signature header against the raw
    /// body and your signing secret, within a time tolerance. Outputs $true or $false; -Verbose says why it is false.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "SfWebhookSignature", DefaultParameterSetName = ByText)]
    [OutputType(typeof(bool))]
    public sealed class TestSfWebhookSignatureCommand : PSCmdlet
    {
        private const string ByText = "Text";
        private const string ByBytes = "Bytes";

        /// <summary>The request body exactly as received (re-serialising it changes the bytes and breaks the signature).</summary>
        [Parameter(ParameterSetName = ByText, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Body { get; set; } = string.Empty;

        [Parameter(ParameterSetName = ByBytes, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public byte[] BodyBytes { get; set; } = Array.Empty<byte>();

        /// <summary>The Sixtyfour-Signature header's value: t=…,v1=….</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("SixtyfourSignature")]
        [ValidateNotNullOrEmpty]
        public string Signature { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 2)]
        [ValidateNotNull]
        public SecureString Secret { get; set; } = new SecureString();

        /// <summary>How far the signature's time may be from now, in seconds (300 by default), against replayed deliveries.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int ToleranceSec { get; set; } = 300;

        protected override void ProcessRecord()
        {
            var body = ParameterSetName == ByBytes ? BodyBytes : Encoding.UTF8.GetBytes(Body);
            var secret = SecretBytes();
            try
            {
                var check = WebhookSignature.Verify(Signature, secret, body, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(ToleranceSec));
                if (check != SignatureCheck.Valid) WriteVerbose(Explain(check));
                WriteObject(check == SignatureCheck.Valid);
            }
            finally
            {
                Array.Clear(secret, 0, secret.Length);
            }
        }

        private string Explain(SignatureCheck check) => check switch
        {
            SignatureCheck.Malformed => "The signature header is not of the form t=<unix seconds>,v1=<hex>.",
            SignatureCheck.OutsideTolerance => $"The signature's time is more than {ToleranceSec} s from now: an old or replayed delivery, or a clock off.",
            _ => "No v1 signature matches: another secret, or a body that was changed (or re-encoded) after signing.",
        };

        private byte[] SecretBytes()
        {
            var pointer = Marshal.SecureStringToGlobalAllocUnicode(Secret);
            try
            {
                var chars = new char[Secret.Length];
                Marshal.Copy(pointer, chars, 0, chars.Length);
                var bytes = Encoding.UTF8.GetBytes(chars);
                Array.Clear(chars, 0, chars.Length);
                return bytes;
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
