using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Sixtyfour.Emulator.Api.Wire;

/// <summary>FastAPI's plain error body: <c>{"detail": "..."}</c>.</summary>
public sealed record ErrorResponse([property: JsonPropertyName("detail")] string Detail);

/// <summary>
/// The other documented error shape, <c>{"error": {"code", "message"}}</c> (the vendor's TypeScript
/// client parses it); sent under the error_object variation.
/// </summary>
public sealed record ErrorObjectResponse([property: JsonPropertyName("error")] ErrorObject Error);

/// <summary>The inside of <see cref="ErrorObjectResponse"/>: a snake_case code and the message.</summary>
public sealed record ErrorObject([property: JsonPropertyName("code")] string Code, [property: JsonPropertyName("message")] string Message);

/// <summary>FastAPI's 422 body (<c>HTTPValidationError</c>).</summary>
public sealed record HttpValidationError([property: JsonPropertyName("detail")] IReadOnlyList<ValidationError> Detail);

/// <summary>One item of <see cref="HttpValidationError"/>; <c>loc</c> mixes strings and list indexes.</summary>
public sealed record ValidationError(
    [property: JsonPropertyName("loc")] IReadOnlyList<JsonNode> Loc,
    [property: JsonPropertyName("msg")] string Msg,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("input")] JsonNode? Input,
    [property: JsonPropertyName("ctx")] JsonObject Ctx);
