using System.Text.Json.Serialization;

namespace Sixtyfour.Emulator.Api.Wire;

/// <summary>Metadata of a signing secret (<c>SigningSecretMetaResponse</c>); never the secret itself.</summary>
public sealed record SigningSecretMetaResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("org_id")] string OrgId,
    [property: JsonPropertyName("preview")] string Preview,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("revoked_at")] DateTimeOffset? RevokedAt);

/// <summary>Response of create and roll (<c>CreateSigningSecretResponse</c>, <c>RollSigningSecretResponse</c>): the plaintext, shown only here.</summary>
public sealed record SigningSecretResponse(
    [property: JsonPropertyName("plaintext")] string Plaintext,
    [property: JsonPropertyName("meta")] SigningSecretMetaResponse Meta);
