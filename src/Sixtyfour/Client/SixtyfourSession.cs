namespace Sixtyfour.Client
{
    /// <summary>
    /// The process-wide connection set by Connect-SfAccount. Process-wide (not per runspace) so that
    /// ForEach-Object -Parallel and thread jobs use the connection the user made, as they do with the environment.
    /// </summary>
    internal static class SixtyfourSession
    {
        private static volatile SixtyfourConnection? _connection;
        private static volatile SixtyfourClientOptions _options = new SixtyfourClientOptions();

        public static SixtyfourConnection? Connection => _connection;
        public static SixtyfourClientOptions Options => _options;

        public static void Set(SixtyfourConnection connection, SixtyfourClientOptions options)
        {
            _options = options;
            _connection = connection;
        }

        public static void Clear()
        {
            _connection = null;
            _options = new SixtyfourClientOptions();
        }

        /// <summary>The explicit connection, else one made from SIXTYFOUR_API_KEY / SIXTYFOUR_API_BASE_URL, else null.</summary>
        public static SixtyfourConnection? Resolve() => _connection ?? SixtyfourConnection.FromEnvironment();
    }
}
