using System.Globalization;
using System.Management.Automation;
using System.Text.Json;

namespace Sixtyfour.Adapters
{
    /// <summary>
    /// JSON values as PowerShell sees them from ConvertFrom-Json: objects become PSCustomObjects (property order
    /// kept), integers Int64, other numbers Double (Decimal when a double would lose digits), arrays object[].
    /// </summary>
    internal static class JsonToPowerShell
    {
        public static object? Convert(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var record = new PSObject();
                    foreach (var property in element.EnumerateObject())
                        record.Properties.Add(new PSNoteProperty(property.Name, Convert(property.Value)));
                    return record;
                case JsonValueKind.Array:
                    var items = new object?[element.GetArrayLength()];
                    var i = 0;
                    foreach (var item in element.EnumerateArray()) items[i++] = Convert(item);
                    return items;
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    return Number(element);
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        private static object Number(JsonElement element)
        {
            if (element.TryGetInt64(out var whole)) return whole;
            var text = element.GetRawText();
            if (element.TryGetDouble(out var real) && !double.IsInfinity(real)
                && real.ToString("R", CultureInfo.InvariantCulture) == text) return real;
            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) ? exact : (object)real;
        }
    }
}
