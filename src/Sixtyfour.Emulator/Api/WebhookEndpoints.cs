using System.Text.Json;
using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Api.Wire;
using Sixtyfour.Emulator.Webhooks;

namespace Sixtyfour.Emulator.Api;

/// <summary>The organisation's outgoing-webhook signing secret: create, read (metadata only), roll, revoke.</summary>
public static class WebhookEndpoints
{
    /// <summary>The single organisation the emulator has; the signing-secret metadata requires an id.</summary>
    public const string OrganisationId = "org_emulator";

    private const int DefaultOverlapHours = 24;
    private const int MaxOverlapHours = 72;

    public static RouteGroupBuilder MapWebhookEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/webhooks/signing-secret", (SigningSecretStore secrets) =>
            TypedResults.Json(Created(secrets.Create(), secrets), statusCode: StatusCodes.Status201Created));
        api.MapGet("/webhooks/signing-secret", (SigningSecretStore secrets) =>
            secrets.Active is { } active ? TypedResults.Json<SigningSecretMetaResponse?>(Meta(active, secrets)) : TypedResults.Json<SigningSecretMetaResponse?>(null));
        api.MapPost("/webhooks/signing-secret/roll", async (HttpRequest request, SigningSecretStore secrets, CancellationToken cancellationToken) =>
        {
            var hours = OverlapHours(await RequestParameters.OptionalJsonObjectAsync(request, cancellationToken));
            var rolled = secrets.Roll(TimeSpan.FromHours(hours))
                ?? throw ApiException.Detail(StatusCodes.Status404NotFound, "No active signing secret to roll; create one with POST /webhooks/signing-secret.");
            return Created(rolled, secrets);
        });
        api.MapDelete("/webhooks/signing-secret", (SigningSecretStore secrets) =>
        {
            secrets.RevokeAll();
            return TypedResults.NoContent();
        });
        return api;
    }

    private static SigningSecretResponse Created(SigningSecret secret, SigningSecretStore secrets) => new(secret.Plaintext, Meta(secret, secrets));

    private static SigningSecretMetaResponse Meta(SigningSecret secret, SigningSecretStore secrets) =>
        new(secret.Id, OrganisationId, secret.Preview, secret.RevokedAt is null ? "active" : "revoked", secret.CreatedAt, secret.RevokedAt);

    /// <summary><c>RollRequest.expire_overlap_hours</c>: an integer 0–72, default 24; the body may be left out.</summary>
    private static int OverlapHours(JsonObject? body)
    {
        var value = body?["expire_overlap_hours"];
        if (value is null)
        {
            return DefaultOverlapHours;
        }

        if (value.GetValueKind() != JsonValueKind.Number || !value.AsValue().TryGetValue<int>(out var hours))
        {
            throw ApiException.Invalid("int_type", "Input should be a valid integer", value.DeepClone(), null, "body", "expire_overlap_hours");
        }

        return hours switch
        {
            < 0 => throw ApiException.Invalid("greater_than_equal", "Input should be greater than or equal to 0", hours, new JsonObject { ["ge"] = 0 }, "body", "expire_overlap_hours"),
            > MaxOverlapHours => throw ApiException.Invalid("less_than_equal", $"Input should be less than or equal to {MaxOverlapHours}", hours, new JsonObject { ["le"] = MaxOverlapHours }, "body", "expire_overlap_hours"),
            _ => hours,
        };
    }
}
