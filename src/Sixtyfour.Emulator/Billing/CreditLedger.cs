namespace Sixtyfour.Emulator.Billing;

/// <summary>
/// The organisation's credit balance. A run or bulk job reserves its estimated cost before it
/// starts (refused when the balance cannot cover it) and settles when it ends: the reservation is
/// returned and what the run actually used is drawn, so a cancelled or failed run pays only for the
/// rows it processed.
/// </summary>
public sealed class CreditLedger(decimal startingBalance)
{
    /// <summary>The ratio of SPEC-B's job-status examples: <c>charge_amount: 5</c> (cents) is <c>charge_credits: 0.5</c>.</summary>
    public const decimal CentsPerCredit = 10m;

    private readonly Lock gate = new();
    private decimal balance = startingBalance;

    public decimal StartingBalance { get; } = startingBalance;

    /// <summary>Raised after every change, so the balance can be saved.</summary>
    public event Action? Changed;

    public decimal Balance
    {
        get
        {
            lock (gate)
            {
                return balance;
            }
        }
    }

    /// <summary>Whole cents for an amount of credits, rounded up (estimates are documented as a floor).</summary>
    public static long ToCents(decimal credits) => (long)Math.Ceiling(credits * CentsPerCredit);

    /// <summary>Takes <paramref name="amount"/> off the balance; false (and nothing taken) when it does not cover it.</summary>
    public bool TryReserve(decimal amount)
    {
        lock (gate)
        {
            if (amount > balance)
            {
                return false;
            }

            balance -= amount;
        }

        Changed?.Invoke();
        return true;
    }

    /// <summary>Returns a reservation and draws what was used instead; the balance may go below zero when a run used more than estimated.</summary>
    public void Settle(decimal reserved, decimal used)
    {
        lock (gate)
        {
            balance += reserved - used;
        }

        Changed?.Invoke();
    }

    /// <summary>Sets the balance (test hook, reset, restore).</summary>
    public void Set(decimal value)
    {
        lock (gate)
        {
            balance = value;
        }

        Changed?.Invoke();
    }
}

/// <summary>The balance cannot cover a run or bulk job; reported as 402 <c>Insufficient API credits</c>.</summary>
public sealed class InsufficientCreditsException(decimal required, decimal balance)
    : Exception($"The run needs an estimated {required} credits; the balance is {balance}.");
