using System;
using System.Net;

namespace Sixtyfour.Client
{
    /// <summary>A non-success answer from the API, carrying what the API said so callers can act on it.</summary>
    public sealed class SixtyfourApiException : Exception
    {
        public SixtyfourApiException(HttpStatusCode statusCode, string method, Uri requestUri, string detail, string? responseBody, TimeSpan? retryAfter)
            : base($"{(int)statusCode} {statusCode}: {detail}")
        {
            StatusCode = statusCode;
            Method = method;
            RequestUri = requestUri;
            Detail = detail;
            ResponseBody = responseBody;
            RetryAfter = retryAfter;
        }

        public HttpStatusCode StatusCode { get; }
        public string Method { get; }
        /// <summary>The request's URI; signed download URLs are reported without their query (the signature).</summary>
        public Uri RequestUri { get; }
        /// <summary>The API's own explanation (its <c>detail</c>, or <c>message</c>), or the reason phrase when it sent none.</summary>
        public string Detail { get; }
        public string? ResponseBody { get; }
        public TimeSpan? RetryAfter { get; }
    }
}
