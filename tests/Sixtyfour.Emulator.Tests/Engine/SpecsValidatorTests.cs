using System.Text.Json.Nodes;
using Sixtyfour.Emulator.Engine;

namespace Sixtyfour.Emulator.Tests.Engine;

/// <summary>The schema subset the emulator checks specs and bulk configs against, one keyword at a time.</summary>
public sealed class SpecsValidatorTests
{
    private static readonly JsonObject Schema = Obj("""
        {
          "properties": {
            "name": { "type": "string", "minLength": 2, "maxLength": 5 },
            "count": { "type": "integer" },
            "ratio": { "type": "number" },
            "flag": { "type": "boolean" },
            "mode": { "enum": ["fast", "slow", 3] },
            "either": { "type": ["string", "null", "integer"] },
            "site": { "type": "string", "format": "uri" },
            "tags": { "type": "array", "items": { "type": "string", "enum": ["a", "b"] } },
            "options": { "type": "object" },
            "free": { }
          },
          "required": ["name"],
          "additionalProperties": false
        }
        """);

    [Theory]
    [InlineData("""{"name":"ab"}""")]
    [InlineData("""{"name":"abcde","count":3,"ratio":0.5,"flag":false,"mode":"slow","either":null,"site":"https://x.example/a","tags":["a","b"],"options":{},"free":[1]}""")]
    [InlineData("""{"name":"ab","count":-4,"ratio":7,"flag":true,"mode":3,"either":"s","tags":[]}""")]
    [InlineData("""{"name":"ab","either":12,"free":null}""")]
    public void Accepts_what_fits(string json) => Assert.Null(SpecsValidator.FindProblem(Obj(json), Schema));

    [Theory]
    [InlineData("""{}""", "name", "missing", "spec 'name' is required")]
    [InlineData("""{"name":null}""", "name", "missing", "spec 'name' is required")]
    [InlineData("""{"name":"a"}""", "name", "string_too_short", "spec 'name' must have at least 2 characters; it has 1")]
    [InlineData("""{"name":"abcdef"}""", "name", "string_too_long", "spec 'name' must have at most 5 characters; it has 6")]
    [InlineData("""{"name":5}""", "name", "type_error", "spec 'name' must be of type string; got 5")]
    [InlineData("""{"name":"ab","count":1.5}""", "count", "type_error", "spec 'count' must be of type integer; got 1.5")]
    [InlineData("""{"name":"ab","count":"1"}""", "count", "type_error", "spec 'count' must be of type integer; got \"1\"")]
    [InlineData("""{"name":"ab","ratio":"0.5"}""", "ratio", "type_error", "spec 'ratio' must be of type number; got \"0.5\"")]
    [InlineData("""{"name":"ab","flag":"true"}""", "flag", "type_error", "spec 'flag' must be of type boolean; got \"true\"")]
    [InlineData("""{"name":"ab","flag":1}""", "flag", "type_error", "spec 'flag' must be of type boolean; got 1")]
    [InlineData("""{"name":"ab","mode":"medium"}""", "mode", "enum", "spec 'mode' must be one of [\"fast\",\"slow\",3]; got \"medium\"")]
    [InlineData("""{"name":"ab","mode":"3"}""", "mode", "enum", "spec 'mode' must be one of [\"fast\",\"slow\",3]; got \"3\"")]
    [InlineData("""{"name":"ab","either":true}""", "either", "type_error", "spec 'either' must be of type string or null or integer; got true")]
    [InlineData("""{"name":"ab","site":"not a url"}""", "site", "url_parsing", "spec 'site' must be an absolute URL; got \"not a url\"")]
    [InlineData("""{"name":"ab","tags":"a"}""", "tags", "type_error", "spec 'tags' must be of type array; got \"a\"")]
    [InlineData("""{"name":"ab","tags":["a","c"]}""", "tags", "type_error", "spec 'tags' items must match {\"type\":\"string\",\"enum\":[\"a\",\"b\"]}; got \"c\"")]
    [InlineData("""{"name":"ab","tags":["a",1]}""", "tags", "type_error", "spec 'tags' items must match {\"type\":\"string\",\"enum\":[\"a\",\"b\"]}; got 1")]
    [InlineData("""{"name":"ab","tags":[null]}""", "tags", "type_error", "spec 'tags' items must match {\"type\":\"string\",\"enum\":[\"a\",\"b\"]}; got null")]
    [InlineData("""{"name":"ab","options":[]}""", "options", "type_error", "spec 'options' must be of type object; got []")]
    [InlineData("""{"name":"ab","other":1}""", "other", "extra_forbidden", "unknown spec field 'other' (allowed: name, count, ratio, flag, mode, either, site, tags, options, free)")]
    public void Names_the_first_problem(string json, string field, string type, string message) =>
        Assert.Equal(new SchemaProblem(field, type, message), SpecsValidator.FindProblem(Obj(json), Schema));

    [Fact]
    public void Reports_fields_in_the_order_given_before_what_is_missing()
    {
        var problem = SpecsValidator.FindProblem(Obj("""{"count":"x","flag":"y"}"""), Schema);
        Assert.Equal("count", problem!.Field);
    }

    [Fact]
    public void Labels_fields_as_asked() =>
        Assert.Equal("config 'name' is required", SpecsValidator.FindProblem(Obj("{}"), Schema, "config")!.Message);

    [Fact]
    public void An_open_schema_lets_unknown_fields_through()
    {
        var open = Obj("""{"properties":{"a":{"type":"string"}},"additionalProperties":true}""");
        Assert.Null(SpecsValidator.FindProblem(Obj("""{"b":1}"""), open));
        Assert.Null(SpecsValidator.FindProblem(Obj("""{"b":1}"""), Obj("""{"properties":{"a":{"type":"string"}}}""")));
    }

    [Fact]
    public void A_closed_schema_without_properties_allows_none()
    {
        var problem = SpecsValidator.FindProblem(Obj("""{"x":1}"""), Obj("""{"additionalProperties":false}"""));
        Assert.Equal(new SchemaProblem("x", "extra_forbidden", "unknown spec field 'x' (allowed: none)"), problem);
        Assert.Null(SpecsValidator.FindProblem(Obj("{}"), Obj("""{"additionalProperties":false}""")));
    }

    [Fact]
    public void Length_limits_apply_to_strings_only()
    {
        var schema = Obj("""{"properties":{"v":{"minLength":3,"maxLength":3,"format":"uri"}}}""");
        Assert.Null(SpecsValidator.FindProblem(Obj("""{"v":12}"""), schema));
        Assert.Null(SpecsValidator.FindProblem(Obj("""{"v":[1]}"""), schema));
        Assert.Equal("string_too_short", SpecsValidator.FindProblem(Obj("""{"v":"ab"}"""), schema)!.Type);
        Assert.Equal("url_parsing", SpecsValidator.FindProblem(Obj("""{"v":"abc"}"""), schema)!.Type);
    }

    [Fact]
    public void Items_are_checked_only_for_arrays_with_an_item_schema()
    {
        Assert.Null(SpecsValidator.FindProblem(Obj("""{"v":[1,"x",null]}"""), Obj("""{"properties":{"v":{"type":"array"}}}""")));
        Assert.Null(SpecsValidator.FindProblem(Obj("""{"v":"text"}"""), Obj("""{"properties":{"v":{"items":{"type":"integer"}}}}""")));
    }

    [Fact]
    public void Required_fields_are_checked_in_their_order()
    {
        var schema = Obj("""{"properties":{"a":{},"b":{}},"required":["b","a"]}""");
        Assert.Equal("b", SpecsValidator.FindProblem(Obj("{}"), schema)!.Field);
        Assert.Equal("a", SpecsValidator.FindProblem(Obj("""{"b":0}"""), schema)!.Field);
        Assert.Null(SpecsValidator.FindProblem(Obj("""{"b":0,"a":false}"""), schema));
    }

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();
}
