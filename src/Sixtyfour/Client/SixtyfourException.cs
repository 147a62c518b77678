using System;

namespace Sixtyfour.Client
{
    /// <summary>
    /// A failure the module itself reports (a run that failed, a file it will not send, a missing key): scripts can
    /// catch it by type, <c>catch [Sixtyfour.Client.SixtyfourException]</c>, and tell the cases apart by ErrorId.
    /// </summary>
    public sealed class SixtyfourException : Exception
    {
        public SixtyfourException(string errorId, string message) : base(message) => ErrorId = errorId;

        /// <summary>The ErrorId of the ErrorRecord it travels in (RunFailed, NoInputRecords, …).</summary>
        public string ErrorId { get; }
    }
}
