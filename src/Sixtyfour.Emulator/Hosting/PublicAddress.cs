using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Sixtyfour.Emulator.Hosting;

/// <summary>
/// The emulator's own base URL for links made outside a request (a webhook's download link): the
/// first address Kestrel bound, with port 0 already resolved. Requests build links from their Host instead.
/// </summary>
public sealed class PublicAddress(IServer server)
{
    public string BaseUrl => server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/')
        ?? throw new InvalidOperationException("The emulator is not listening yet.");
}
