using System.Text;
using System.Xml;
using Sixtyfour.HelpBuilder.Model;

namespace Sixtyfour.HelpBuilder.Maml;

/// <summary>Writes commands as a MAML <c>helpItems</c> document in the shape platyPS emits and Get-Help reads.</summary>
public static class MamlWriter
{
    public const string MshNamespace = "http://msh";
    public const string MamlNamespace = "http://schemas.microsoft.com/maml/2004/10";
    public const string CommandNamespace = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public const string DevNamespace = "http://schemas.microsoft.com/maml/dev/2004/10";
    public const string MSHelpNamespace = "http://msdn.microsoft.com/mshelp";

    private const int TitleWidth = 64;

    /// <param name="docsUrl">Where the docs/ pages are online (ending in '/'): a command without its own 'online version'
    /// links to its page there, which is what Get-Help -Online opens.</param>
    public static string ToXml(IEnumerable<CommandHelp> commands, string? docsUrl = null)
    {
        using var stream = new MemoryStream();
        Write(commands, stream, docsUrl);
        return new UTF8Encoding(false).GetString(stream.ToArray());
    }

    /// <inheritdoc cref="ToXml"/>
    public static void Write(IEnumerable<CommandHelp> commands, Stream stream, string? docsUrl = null)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };
        using var xml = XmlWriter.Create(stream, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("helpItems", MshNamespace);
        xml.WriteAttributeString("schema", "maml");
        foreach (var command in commands)
        {
            WriteCommand(xml, command, docsUrl);
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
        xml.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void WriteCommand(XmlWriter xml, CommandHelp command, string? docsUrl)
    {
        xml.WriteStartElement("command", "command", CommandNamespace);
        xml.WriteAttributeString("xmlns", "maml", null, MamlNamespace);
        xml.WriteAttributeString("xmlns", "command", null, CommandNamespace);
        xml.WriteAttributeString("xmlns", "dev", null, DevNamespace);
        xml.WriteAttributeString("xmlns", "MSHelp", null, MSHelpNamespace);

        xml.WriteStartElement("command", "details", CommandNamespace);
        Text(xml, "command", "name", CommandNamespace, command.Name);
        Text(xml, "command", "verb", CommandNamespace, command.Verb);
        Text(xml, "command", "noun", CommandNamespace, command.Noun);
        Description(xml, command.Synopsis);
        xml.WriteEndElement();

        Description(xml, command.Description);
        WriteSyntax(xml, command);
        WriteParameters(xml, command);
        WriteTypes(xml, "inputTypes", "inputType", command.Inputs);
        WriteTypes(xml, "returnValues", "returnValue", command.Outputs);
        WriteNotes(xml, command.Notes);
        WriteExamples(xml, command.Examples);
        WriteLinks(xml, command, docsUrl);

        xml.WriteEndElement();
    }

    private static void WriteSyntax(XmlWriter xml, CommandHelp command)
    {
        xml.WriteStartElement("command", "syntax", CommandNamespace);
        foreach (var item in SyntaxBuilder.Build(command))
        {
            xml.WriteStartElement("command", "syntaxItem", CommandNamespace);
            Text(xml, "maml", "name", MamlNamespace, command.Name);
            foreach (var (parameter, metadata) in item.Parameters)
            {
                WriteParameter(xml, parameter, metadata, inSyntax: true);
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteParameters(XmlWriter xml, CommandHelp command)
    {
        xml.WriteStartElement("command", "parameters", CommandNamespace);
        foreach (var parameter in command.Parameters)
        {
            WriteParameter(xml, parameter, parameter.Primary, inSyntax: false);
        }

        xml.WriteEndElement();
    }

    private static void WriteParameter(XmlWriter xml, ParameterHelp parameter, ParameterMetadata metadata, bool inSyntax)
    {
        xml.WriteStartElement("command", "parameter", CommandNamespace);
        xml.WriteAttributeString("required", Bool(metadata.Required));
        xml.WriteAttributeString("variableLength", "true");
        xml.WriteAttributeString("globbing", Bool(metadata.Globbing));
        xml.WriteAttributeString("pipelineInput", metadata.PipelineInputText);
        xml.WriteAttributeString("position", metadata.PositionText);
        xml.WriteAttributeString("aliases", metadata.Aliases.Count == 0 ? "none" : string.Join(", ", metadata.Aliases));

        Text(xml, "maml", "name", MamlNamespace, parameter.Name);
        Description(xml, parameter.Description);

        if (inSyntax && metadata.AcceptedValues.Count > 0)
        {
            xml.WriteStartElement("command", "parameterValueGroup", CommandNamespace);
            foreach (var value in metadata.AcceptedValues)
            {
                xml.WriteStartElement("command", "parameterValue", CommandNamespace);
                xml.WriteAttributeString("required", "false");
                xml.WriteAttributeString("command", "variableLength", CommandNamespace, "false");
                xml.WriteString(Clean(value));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        // platyPS quirk kept on purpose: switches carry no value inside syntaxItem, so Get-Help shows [-Switch].
        if (!inSyntax || !parameter.IsSwitch)
        {
            xml.WriteStartElement("command", "parameterValue", CommandNamespace);
            xml.WriteAttributeString("required", Bool(!parameter.IsSwitch));
            xml.WriteAttributeString("variableLength", "false");
            xml.WriteString(Clean(metadata.Type));
            xml.WriteEndElement();
        }

        xml.WriteStartElement("dev", "type", DevNamespace);
        Text(xml, "maml", "name", MamlNamespace, metadata.Type);
        xml.WriteElementString("maml", "uri", MamlNamespace, string.Empty);
        xml.WriteEndElement();
        Text(xml, "dev", "defaultValue", DevNamespace, metadata.DefaultValue);

        xml.WriteEndElement();
    }

    private static void WriteTypes(XmlWriter xml, string listName, string itemName, IReadOnlyList<TypeHelp> types)
    {
        xml.WriteStartElement("command", listName, CommandNamespace);
        foreach (var type in types)
        {
            xml.WriteStartElement("command", itemName, CommandNamespace);
            xml.WriteStartElement("dev", "type", DevNamespace);
            Text(xml, "maml", "name", MamlNamespace, type.TypeName);
            xml.WriteEndElement();
            Description(xml, type.Description);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteNotes(XmlWriter xml, IReadOnlyList<string> notes)
    {
        xml.WriteStartElement("maml", "alertSet", MamlNamespace);
        xml.WriteStartElement("maml", "alert", MamlNamespace);
        Paras(xml, notes);
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteExamples(XmlWriter xml, IReadOnlyList<ExampleHelp> examples)
    {
        xml.WriteStartElement("command", "examples", CommandNamespace);
        foreach (var example in examples)
        {
            xml.WriteStartElement("command", "example", CommandNamespace);
            Text(xml, "maml", "title", MamlNamespace, PadTitle(example.Title));
            if (example.Introduction.Count > 0)
            {
                // Get-Help prints the introduction and the code back to back (it is meant for a "PS C:\>" prompt),
                // so text before the code ends with a blank line to stand apart from it.
                xml.WriteStartElement("maml", "introduction", MamlNamespace);
                Paras(xml, [.. example.Introduction.SkipLast(1), example.Introduction[^1] + "\n\n"]);
                xml.WriteEndElement();
            }

            Text(xml, "dev", "code", DevNamespace, example.Code);
            xml.WriteStartElement("dev", "remarks", DevNamespace);
            Paras(xml, example.Remarks);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteLinks(XmlWriter xml, CommandHelp command, string? docsUrl)
    {
        xml.WriteStartElement("command", "relatedLinks", CommandNamespace);
        var links = new List<LinkHelp>();
        if ((command.OnlineVersion ?? (docsUrl is null ? null : docsUrl + command.Name + ".md")) is { } online)
        {
            links.Add(new LinkHelp("Online Version:", Model.LinkHelp.IsAbsolute(online) ? online : string.Empty));
        }

        links.AddRange(command.RelatedLinks);
        foreach (var link in links)
        {
            xml.WriteStartElement("maml", "navigationLink", MamlNamespace);
            Text(xml, "maml", "linkText", MamlNamespace, link.Text);
            Text(xml, "maml", "uri", MamlNamespace, link.Uri);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>platyPS v1 centres example titles between dashes; Get-Help prints them as they are.</summary>
    public static string PadTitle(string title)
    {
        if (title.StartsWith('-'))
        {
            return title;
        }

        var dashes = new string('-', Math.Max(2, (TitleWidth - title.Length - 2) / 2));
        return $"{dashes} {title} {dashes}";
    }

    private static void Description(XmlWriter xml, IReadOnlyList<string> paragraphs)
    {
        xml.WriteStartElement("maml", "description", MamlNamespace);
        Paras(xml, paragraphs);
        xml.WriteEndElement();
    }

    private static void Paras(XmlWriter xml, IReadOnlyList<string> paragraphs)
    {
        foreach (var para in paragraphs)
        {
            Text(xml, "maml", "para", MamlNamespace, para);
        }
    }

    private static void Text(XmlWriter xml, string prefix, string name, string ns, string text)
    {
        xml.WriteStartElement(prefix, name, ns);
        xml.WriteString(Clean(text));
        xml.WriteEndElement();
    }

    private static string Bool(bool value) => value ? "true" : "false";

    /// <summary>Drops characters XML 1.0 cannot carry (control characters other than tab and newlines).</summary>
    private static string Clean(string text)
    {
        if (!text.Any(c => c < 0x20 && c is not ('\t' or '\n' or '\r') || c is '\uFFFE' or '\uFFFF'))
        {
            return text;
        }

        return new string(text.Where(c => !(c < 0x20 && c is not ('\t' or '\n' or '\r')) && c is not ('\uFFFE' or '\uFFFF')).ToArray());
    }
}
