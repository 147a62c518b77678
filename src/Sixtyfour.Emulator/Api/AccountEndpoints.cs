using Sixtyfour.Emulator.Api.Wire;
using Sixtyfour.Emulator.Billing;

namespace Sixtyfour.Emulator.Api;

/// <summary>The organisation's account: <c>GET /check-balance</c>.</summary>
public static class AccountEndpoints
{
    public static RouteGroupBuilder MapAccountEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/check-balance", (CreditLedger ledger) => new CheckBalanceResponse(ledger.Balance));
        return api;
    }

    /// <summary>The documented 402 for a run or bulk job the balance cannot cover; nothing is charged.</summary>
    public static ApiException InsufficientCredits() => ApiException.Detail(StatusCodes.Status402PaymentRequired, "Insufficient API credits");
}
