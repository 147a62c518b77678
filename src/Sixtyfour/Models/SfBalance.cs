using System.Text.Json.Serialization;

namespace Sixtyfour.Models
{
    /// <summary>The organisation's remaining credits (CheckBalanceResponse).</summary>
    public sealed class SfBalance
    {
        [JsonPropertyName("credits")] public double Credits { get; set; }

        public override string ToString() => Credits.ToString(System.Globalization.CultureInfo.CurrentCulture);
    }
}
