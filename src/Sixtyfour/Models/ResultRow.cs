using System.Reflection;
using System.Text;

namespace Sixtyfour.Models
{
    /// <summary>
    /// The base of every generated result row: "$row" reads as Import-Csv's rows read (@{name=Ada; email=...}), not
    /// as a type name. Public, as a generated type's base must be; it adds no member PowerShell would show.
    /// </summary>
    public abstract class ResultRow
    {
        public override string ToString()
        {
            var text = new StringBuilder("@{");
            foreach (var property in GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (text.Length > 2) text.Append("; ");
                text.Append(property.Name).Append('=').Append(property.GetValue(this));
            }
            return text.Append('}').ToString();
        }
    }
}
