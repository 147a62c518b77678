using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Api.Wire;
using Sixtyfour.Emulator.Catalog;
using Sixtyfour.Emulator.Engine;
using Sixtyfour.Emulator.Engine.Blocks;
using Sixtyfour.Emulator.Scheduling;

namespace Sixtyfour.Emulator.Api;

/// <summary>Workflow schedules (SPEC-B "Workflow Schedules"): create, list, get, update, delete.</summary>
public static class ScheduleEndpoints
{
    private const int NextRunTimesShown = 5;

    /// <summary><c>UpdateScheduleRequest</c>: every field optional. Unknown fields are ignored, as FastAPI does by default.</summary>
    private static readonly JsonObject UpdateSchema = BlockSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "name": { "type": "string", "minLength": 1, "maxLength": 120 },
            "cron_expression": { "type": "string" },
            "timezone": { "type": "string" },
            "description": { "type": ["string", "null"] },
            "is_active": { "type": "boolean" }
          }
        }
        """);

    /// <summary><c>CreateScheduleRequest</c>: the update fields plus <c>workflow_id</c>; id, name and cron required.</summary>
    private static readonly JsonObject CreateSchema = CreateSchemaFrom(UpdateSchema);

    public static RouteGroupBuilder MapScheduleEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/schedules", CreateAsync);
        api.MapGet("/schedules", (HttpRequest request, ScheduleStore schedules, TimeProvider timeProvider) =>
        {
            var workflowId = request.Query["workflow_id"].LastOrDefault() is { } text ? RequestParameters.Uuid("query", "workflow_id", text).ToString("D") : null;
            var now = timeProvider.GetUtcNow();
            return schedules.List(workflowId).Select(schedule => ToResponse(schedule, now)).ToList();
        });
        api.MapGet("/schedules/{schedule_id}", (string schedule_id, ScheduleStore schedules, TimeProvider timeProvider) =>
            ToResponse(Find(schedules, schedule_id), timeProvider.GetUtcNow()));
        api.MapPatch("/schedules/{schedule_id}", UpdateAsync);
        api.MapDelete("/schedules/{schedule_id}", (string schedule_id, ScheduleStore schedules) =>
        {
            var schedule = Find(schedules, schedule_id);
            schedules.Remove(schedule.Id);
            return new ScheduleDeletedResponse(schedule.Id.ToString("D"), true);
        });
        return api;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ScheduleStore schedules, WorkflowStore workflows, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var body = Validate(await RequestParameters.OptionalJsonObjectAsync(request, cancellationToken) ?? [], CreateSchema);
        var workflowId = RequestParameters.Uuid("body", "workflow_id", body["workflow_id"]!.GetValue<string>());
        WorkflowEndpoints.FindWorkflow(workflows, workflowId);
        var now = timeProvider.GetUtcNow();
        var schedule = Checked(new Schedule(
            Guid.NewGuid(),
            workflowId.ToString("D"),
            body["name"]!.GetValue<string>(),
            body["description"]?.GetValue<string>(),
            body["cron_expression"]!.GetValue<string>(),
            body["timezone"]?.GetValue<string>() ?? "UTC",
            body["is_active"]?.GetValue<bool>() ?? true,
            null,
            now,
            now,
            null)).Rearmed(now);
        schedules.Add(schedule);
        return TypedResults.Json(ToResponse(schedule, now), statusCode: StatusCodes.Status201Created);
    }

    /// <summary>Changes the given fields; reactivating clears <c>disabled_reason</c>. The next fire time is recomputed.</summary>
    private static async Task<ScheduleResponse> UpdateAsync(string schedule_id, HttpRequest request, ScheduleStore schedules, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var existing = Find(schedules, schedule_id);
        var body = Validate(await RequestParameters.OptionalJsonObjectAsync(request, cancellationToken) ?? [], UpdateSchema);
        var now = timeProvider.GetUtcNow();
        Schedule Change(Schedule schedule)
        {
            var isActive = body["is_active"]?.GetValue<bool>() ?? schedule.IsActive;
            return Checked(schedule with
            {
                Name = body["name"]?.GetValue<string>() ?? schedule.Name,
                Description = body.ContainsKey("description") ? body["description"]?.GetValue<string>() : schedule.Description,
                CronExpression = body["cron_expression"]?.GetValue<string>() ?? schedule.CronExpression,
                Timezone = body["timezone"]?.GetValue<string>() ?? schedule.Timezone,
                IsActive = isActive,
                DisabledReason = isActive ? null : schedule.DisabledReason,
                UpdatedAt = now,
            }).Rearmed(now);
        }

        var updated = schedules.Update(existing.Id, Change) ?? throw NotFound();
        return ToResponse(updated, now);
    }

    private static ScheduleResponse ToResponse(Schedule schedule, DateTimeOffset now) => new(
        schedule.Id.ToString("D"),
        schedule.WorkflowId,
        null,
        schedule.Name,
        schedule.Description,
        schedule.CronExpression,
        schedule.Timezone,
        schedule.IsActive,
        schedule.DisabledReason,
        null,
        null,
        schedule.IsActive ? schedule.Cron.NextTimes(now, schedule.Zone, NextRunTimesShown) : [],
        schedule.CreatedAt,
        schedule.UpdatedAt);

    private static JsonObject Validate(JsonObject body, JsonObject schema) =>
        SpecsValidator.FindProblem(body, schema, "field") is { } problem
            ? throw ApiException.Invalid(problem.Type, problem.Message, body[problem.Field]?.DeepClone(), null, "body", problem.Field)
            : body;

    /// <summary>The cron expression must parse and the time zone must be a known IANA id; 422 at the field otherwise.</summary>
    private static Schedule Checked(Schedule schedule)
    {
        try
        {
            _ = schedule.Cron;
        }
        catch (FormatException exception)
        {
            throw ApiException.Invalid("value_error", exception.Message, schedule.CronExpression, null, "body", "cron_expression");
        }

        try
        {
            _ = schedule.Zone;
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw ApiException.Invalid("value_error", $"Unknown time zone '{schedule.Timezone}'; use an IANA name such as 'UTC' or 'Europe/Berlin'.", schedule.Timezone, null, "body", "timezone");
        }

        return schedule;
    }

    private static Schedule Find(ScheduleStore schedules, string scheduleId) =>
        schedules.Find(RequestParameters.Uuid("path", "schedule_id", scheduleId)) ?? throw NotFound();

    private static ApiException NotFound() => ApiException.Detail(StatusCodes.Status404NotFound, "Schedule not found");

    private static JsonObject CreateSchemaFrom(JsonObject update)
    {
        var schema = update.DeepClone().AsObject();
        schema["properties"]!.AsObject().Insert(0, "workflow_id", new JsonObject { ["type"] = "string" });
        schema["required"] = new JsonArray("workflow_id", "name", "cron_expression");
        return schema;
    }
}
