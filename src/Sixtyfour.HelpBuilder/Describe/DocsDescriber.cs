using System.Text;
using System.Text.Json;
using Sixtyfour.HelpBuilder.Model;
using Sixtyfour.HelpBuilder.Parsing;

namespace Sixtyfour.HelpBuilder.Describe;

/// <summary>
/// Emits the docs as JSON (commands, parameter sets, parameters and their per-set attributes) so that
/// Test-SfHelpParity.ps1 can compare them with Get-Command without parsing markdown itself.
/// </summary>
public static class DocsDescriber
{
    public static string ToJson(DocsSet docs)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("commands");
            foreach (var command in docs.Commands)
            {
                WriteCommand(json, command);
            }

            json.WriteEndArray();
            json.WriteStartArray("aboutTopics");
            foreach (var about in docs.AboutTopics)
            {
                json.WriteStartObject();
                json.WriteString("name", about.Name);
                json.WriteString("file", about.SourceFile);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteCommand(Utf8JsonWriter json, CommandHelp command)
    {
        json.WriteStartObject();
        json.WriteString("name", command.Name);
        json.WriteString("file", command.SourceFile);
        json.WriteString("externalHelpFile", command.ExternalHelpFile);
        json.WriteString("moduleName", command.ModuleName);
        json.WriteString("defaultParameterSet", command.DefaultParameterSet);
        json.WriteStartArray("parameterSets");
        foreach (var set in command.ParameterSets)
        {
            json.WriteStringValue(set.Name);
        }

        json.WriteEndArray();
        json.WriteBoolean("supportsCommonParameters", command.SupportsCommonParameters);
        json.WriteString("synopsis", string.Join(" ", command.Synopsis));
        json.WriteNumber("exampleCount", command.Examples.Count);

        json.WriteStartArray("parameters");
        foreach (var parameter in command.Parameters)
        {
            WriteParameter(json, command, parameter);
        }

        json.WriteEndArray();
        WriteNames(json, "inputs", command.Inputs.Select(i => i.TypeName));
        WriteNames(json, "outputs", command.Outputs.Select(o => o.TypeName));
        json.WriteEndObject();
    }

    private static void WriteParameter(Utf8JsonWriter json, CommandHelp command, ParameterHelp parameter)
    {
        var primary = parameter.Primary;
        json.WriteStartObject();
        json.WriteString("name", parameter.Name);
        json.WriteString("file", command.SourceFile);
        json.WriteNumber("line", parameter.Line);
        json.WriteString("type", parameter.Type);
        WriteNames(json, "aliases", primary.Aliases);
        WriteNames(json, "acceptedValues", primary.AcceptedValues);
        json.WriteBoolean("globbing", primary.Globbing);
        json.WriteString("defaultValue", primary.DefaultValue);

        // Resolved per set: one entry per SYNTAX set the parameter belongs to, or a single "(All)" entry.
        json.WriteStartArray("sets");
        var setNames = command.ParameterSets.Count == 0 ? [ParameterHelp.AllParameterSets] : command.ParameterSets.Select(s => s.Name).ToList();
        foreach (var set in setNames)
        {
            var metadata = set == ParameterHelp.AllParameterSets ? primary : parameter.ForSet(set);
            if (metadata is null)
            {
                continue;
            }

            json.WriteStartObject();
            json.WriteString("name", set);
            json.WriteNumber("line", metadata.Line);
            json.WriteBoolean("required", metadata.Required);
            if (metadata.Position is { } position)
            {
                json.WriteNumber("position", position);
            }
            else
            {
                json.WriteNull("position");
            }

            json.WriteBoolean("valueFromPipeline", metadata.ValueFromPipeline);
            json.WriteBoolean("valueFromPipelineByPropertyName", metadata.ValueFromPipelineByPropertyName);
            json.WriteBoolean("valueFromRemainingArguments", metadata.ValueFromRemainingArguments);
            json.WriteString("pipelineInput", metadata.PipelineInputText);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNames(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
