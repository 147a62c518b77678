using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using Sixtyfour.Client;

namespace Sixtyfour.Commands
{
    /// <summary>
    /// The one error policy: which failures are the operation's (reported for the record at hand, the command goes on)
    /// and the ErrorRecord each becomes, with a stable ErrorId, a specific category, the API's words and what to do next.
    /// </summary>
    internal static class ErrorRecords
    {
        /// <summary>
        /// A failure of the API, the network, a file or the data, as opposed to a bug. InvalidDataException (a malformed
        /// NDJSON line, an empty answer) is not an IOException, and is one too.
        /// </summary>
        public static bool IsOperational(Exception e) =>
            e is SixtyfourApiException || e is HttpRequestException || e is TimeoutException || e is IOException
            || e is InvalidDataException || e is JsonException || e is UnauthorizedAccessException || e is SixtyfourException;

        /// <summary>No key: from Get-SfConnection (non-terminating) and from any command that needs one (terminating).</summary>
        public static ErrorRecord NotConnected() =>
            Create("NotConnected", ErrorCategory.AuthenticationError, null, "No Sixtyfour API key is set for this session.",
                $"Run Connect-SfAccount -ApiKey (Read-Host -AsSecureString), or set the {SixtyfourConnection.ApiKeyVariable} environment variable.");

        public static ErrorRecord From(Exception error, object? target)
        {
            switch (error)
            {
                case SixtyfourApiException api:
                    var (id, category, advice) = Classify(api.StatusCode);
                    var operation = ApiOperation.Of(api.Method, api.RequestUri.AbsolutePath);
                    return Create(api, id, category, target,
                        $"{api.Method} {api.RequestUri.AbsolutePath} failed with {(int)api.StatusCode}: {operation.InParameterTerms(api.Detail)}",
                        operation.Advice((int)api.StatusCode) ?? advice);
                case TimeoutException timeout:
                    return Create(timeout, "RequestTimedOut", ErrorCategory.OperationTimeout, target, timeout.Message,
                        "Retry later, or raise the request timeout with Connect-SfAccount -RequestTimeoutSec.");
                case HttpRequestException network:
                    return Create(network, "ConnectionFailed", ErrorCategory.ConnectionError, target, $"Could not reach the Sixtyfour API: {Innermost(network).Message}",
                        "Check the network and the base URI (Connect-SfAccount -BaseUri); Connect-SfAccount -MaxRetryCount and -MaxRetryTimeSec set how long a request is retried.");
                case ResultFileExistsException exists:
                    return Create(exists, "ResultFileExists", ErrorCategory.ResourceExists, exists.Path, exists.Message,
                        "Use -Force to overwrite it, or save into another folder with -Path.");
                case OutputNotWritableException local:
                    return OutputFolder.Failure(local, local.Path);
                case UnauthorizedAccessException denied:
                    return Create(denied, "OutputNotWritable", ErrorCategory.PermissionDenied, target, denied.Message,
                        "Choose a folder you can write to, or change its permissions.");
                case UnsupportedDownloadUrlException unsupported:
                    return Create(unsupported, "UnsupportedDownloadUrl", ErrorCategory.InvalidData, target, unsupported.Message,
                        "The API gave a link this module will not follow; the run's other files are still saved. Get-SfWorkflowResult -AsLink shows the links.");
                case ResultSizeMismatchException mismatch:
                    return Create(mismatch, "ResultSizeMismatch", ErrorCategory.InvalidData, target, mismatch.Message,
                        "Nothing under the final file name was written. Get-SfWorkflowResult -AsLink shows the announced FileSize; retry later.");
                case InvalidDataException data:
                    return Create(data, "InvalidResponseData", ErrorCategory.InvalidData, target, data.Message,
                        "The service's answer could not be read as documented (the message says where). The command went on with its other input; if it comes again, the API may have changed: update the module.");
                case JsonException json:
                    return Create(json, "InvalidResponseData", ErrorCategory.InvalidData, target, $"The service's answer is not the JSON expected: {json.Message}",
                        "Retry later; if it persists, the API may have changed: update the module.");
                case SixtyfourException own:
                    return Create(own, own.ErrorId, ErrorCategory.NotSpecified, target, own.Message, null);
                case IOException io:
                    return Create(io, "TransferFailed", ErrorCategory.ReadError, target, io.Message, "Retry the command; nothing under the final file name was written.");
                default:
                    return Create(error, "UnexpectedError", ErrorCategory.NotSpecified, target, error.Message, null);
            }
        }

        public static ErrorRecord Create(Exception exception, string errorId, ErrorCategory category, object? target, string message, string? advice)
        {
            return new ErrorRecord(exception, errorId, category, target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = advice ?? string.Empty },
            };
        }

        /// <summary>A base URI that cannot be used, from -BaseUri or from the environment (the message says which).</summary>
        public static ErrorRecord InvalidBaseUri(ArgumentException error) =>
            Create(error, "InvalidBaseUri", ErrorCategory.InvalidArgument, error.ParamName, error.Message,
                error.ParamName == SixtyfourConnection.BaseUriVariable
                    ? $"Set {SixtyfourConnection.BaseUriVariable} to an https:// address (http:// only on loopback, such as the emulator), or remove it to use {SixtyfourConnection.DefaultBaseUri}. Plain http elsewhere needs Connect-SfAccount -BaseUri ... -AllowInsecureHttp."
                    : "Use an https:// address (the emulator may use http:// on loopback), or -AllowInsecureHttp if you really mean plain http.");

        /// <summary>A piped record that cannot be sent as JSON; the others still go.</summary>
        public static ErrorRecord InvalidRecord(Exception error, object? record) =>
            Create(error, "InvalidRecord", ErrorCategory.InvalidData, record, error.Message,
                "Send plain records: properties with text, numbers, booleans or nested records, each column name once.");

        public static ErrorRecord Create(string errorId, ErrorCategory category, object? target, string message, string? advice) =>
            Create(new SixtyfourException(errorId, message), errorId, category, target, message, advice);

        private static (string Id, ErrorCategory Category, string Advice) Classify(HttpStatusCode status)
        {
            switch ((int)status)
            {
                case 400: return ("BadRequest", ErrorCategory.InvalidArgument, "Check the parameters named in the message.");
                case 401: return ("InvalidApiKey", ErrorCategory.AuthenticationError, "Check the API key: Connect-SfAccount -ApiKey (Read-Host -AsSecureString), or set SIXTYFOUR_API_KEY.");
                case 402: return ("InsufficientCredits", ErrorCategory.QuotaExceeded, "Add credits to the organisation (see Get-SfBalance), then retry.");
                case 403: return ("AccessDenied", ErrorCategory.PermissionDenied, "The key's organisation cannot use this resource or feature.");
                case 404: return ("NotFound", ErrorCategory.ObjectNotFound, "Check the id.");
                case 409: return ("Conflict", ErrorCategory.ResourceExists, "The resource is in a state that does not allow this; look at it, then retry.");
                case 422: return ("ValidationFailed", ErrorCategory.InvalidData, "Fix the parameters named in the message.");
                case 429: return ("RateLimited", ErrorCategory.LimitsExceeded, "The API allows about 500 requests a minute; wait and retry.");
                default:
                    return (int)status >= 500
                        ? ("ServerError", ErrorCategory.ResourceUnavailable, "The service failed after retries; try again later.")
                        : ("HttpError", ErrorCategory.ProtocolError, "See the message for details.");
            }
        }

        private static Exception Innermost(Exception e)
        {
            while (e.InnerException != null) e = e.InnerException;
            return e;
        }
    }
}
