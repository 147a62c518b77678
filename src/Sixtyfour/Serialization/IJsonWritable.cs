using System.Text.Json;

namespace Sixtyfour.Serialization
{
    /// <summary>A module type that knows its wire shape (snake_case, the API's field order) and writes itself.</summary>
    internal interface IJsonWritable
    {
        void WriteJson(Utf8JsonWriter writer);
    }
}
