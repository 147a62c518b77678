using System.Text.Json.Serialization;

namespace Sixtyfour.Emulator.Api.Wire;

/// <summary>Response of <c>GET /check-balance</c> (<c>CheckBalanceResponse</c>); also the body of <c>/_emulator/credits</c>.</summary>
public sealed record CheckBalanceResponse([property: JsonPropertyName("credits")] decimal Credits);
