using System;
using System.Runtime.InteropServices;
using System.Security;

namespace Sixtyfour.Client
{
    /// <summary>Where the module talks to and with which key. Immutable, so parallel runspaces can share it.</summary>
    public sealed class SixtyfourConnection
    {
        public const string DefaultBaseUri = "https://api.sixtyfour.ai";
        public const string ApiKeyVariable = "SIXTYFOUR_API_KEY";
        public const string BaseUriVariable = "SIXTYFOUR_API_BASE_URL";

        private readonly SecureString _apiKey;

        internal SixtyfourConnection(Uri baseUri, SecureString apiKey, bool allowInsecureHttp = false)
        {
            if (baseUri is null) throw new ArgumentNullException(nameof(baseUri));
            if (apiKey is null || apiKey.Length == 0) throw new ArgumentException("The API key is empty.", nameof(apiKey));
            if (!baseUri.IsAbsoluteUri || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
                throw new ArgumentException($"The base URI '{baseUri}' must be an absolute http or https URI.", nameof(baseUri));
            // A key sent in clear text over the network is a leaked key; loopback (the emulator) is the exception.
            if (baseUri.Scheme == Uri.UriSchemeHttp && !baseUri.IsLoopback && !allowInsecureHttp)
                throw new ArgumentException($"Refusing to send the API key over plain http to '{baseUri.Host}'. Use https, or -AllowInsecureHttp if you really mean it.", nameof(baseUri));

            BaseUri = new Uri(baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
            _apiKey = apiKey.Copy();
            _apiKey.MakeReadOnly();
            KeyHint = "…" + Last(apiKey, 4);
        }

        public Uri BaseUri { get; }

        /// <summary>The key's last four characters: enough to tell keys apart, never enough to use one.</summary>
        public string KeyHint { get; }

        /// <summary>Which connection data cached for completion or validation belongs to, so another connection never sees it.</summary>
        internal string CacheKey => BaseUri + "|" + KeyHint;

        /// <summary>True when the key may be attached to a request for <paramref name="uri"/>: only the API's own scheme, host and port.</summary>
        internal bool IsApiHost(Uri uri) =>
            uri.IsAbsoluteUri
            && string.Equals(uri.Scheme, BaseUri.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Host, BaseUri.Host, StringComparison.OrdinalIgnoreCase)
            && uri.Port == BaseUri.Port;

        internal string RevealKey() => Reveal(_apiKey);

        /// <summary>
        /// Builds a connection from the environment, or returns null when no key is set there. A base URI there that
        /// cannot be used is an ArgumentException whose ParamName is the variable's name.
        /// </summary>
        internal static SixtyfourConnection? FromEnvironment()
        {
            var key = Environment.GetEnvironmentVariable(ApiKeyVariable);
            if (string.IsNullOrEmpty(key)) return null;
            using var secure = ToSecureString(key!);
            var baseUri = BaseUriFromEnvironment();
            try
            {
                return new SixtyfourConnection(baseUri, secure);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{BaseUriVariable} is '{baseUri}': {e.Message}", BaseUriVariable, e);
            }
        }

        /// <summary>SIXTYFOUR_API_BASE_URL, else the default; a value that is not an absolute URI is an ArgumentException naming the variable.</summary>
        internal static Uri BaseUriFromEnvironment()
        {
            var value = Environment.GetEnvironmentVariable(BaseUriVariable);
            if (string.IsNullOrWhiteSpace(value)) return new Uri(DefaultBaseUri);
            return Uri.TryCreate(value!.Trim(), UriKind.Absolute, out var uri)
                ? uri
                : throw new ArgumentException($"{BaseUriVariable} is '{value}', which is not an absolute http or https URI.", BaseUriVariable);
        }

        public override string ToString() => $"{BaseUri} (key {KeyHint})";

        internal static SecureString ToSecureString(string value)
        {
            var secure = new SecureString();
            foreach (var c in value) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }

        private static string Last(SecureString value, int count)
        {
            var plain = Reveal(value);
            return plain.Length <= count ? new string('•', plain.Length) : plain.Substring(plain.Length - count);
        }

        private static string Reveal(SecureString value)
        {
            var ptr = Marshal.SecureStringToGlobalAllocUnicode(value);
            try { return Marshal.PtrToStringUni(ptr) ?? string.Empty; }
            finally { Marshal.ZeroFreeGlobalAllocUnicode(ptr); }
        }
    }
}
