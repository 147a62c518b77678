using Sixtyfour.Emulator.Engine.Blocks;
using Sixtyfour.Emulator.Tests.Support;

namespace Sixtyfour.Emulator.Tests.Engine.Blocks;

/// <summary>llm_openai, qa_agent, research_agent, transform_data.</summary>
public sealed class AiBlockTests
{
    [Fact]
    public async Task Llm_openai_fills_the_prompt_and_writes_the_output_column()
    {
        var rows = await BlockRunner.RunAsync(new LlmOpenaiBlock(), """{"prompt":"Summarise {company_name}","output_column":"summary","model":"gpt-4o"}""", """{"company_name":"Acme"}""");

        Assert.Equal(["""{"company_name":"Acme","summary":"[gpt-4o] Summarise Acme → f6bf"}"""], BlockRunner.Texts(rows));
    }

    [Fact]
    public async Task Qa_agent_answers_and_fills_return_fields()
    {
        var rows = await BlockRunner.RunAsync(new QaAgentBlock(), """{"question":"Is {name} hiring?","return_fields":{"open_roles":{"type":"int"}}}""", """{"name":"Acme"}""");

        Assert.Equal(["""{"name":"Acme","open_roles":529,"answer":"No"}"""], BlockRunner.Texts(rows));
    }

    [Fact]
    public async Task Research_agent_summarises_and_fills_return_fields()
    {
        var rows = await BlockRunner.RunAsync(new ResearchAgentBlock(), """{"prompt":"Funding of {name}","return_fields":{"raised":"Total raised"}}""", """{"name":"Acme"}""");

        Assert.Equal(["""{"name":"Acme","raised":"raised-9325","research_summary":"Research on 'Funding of Acme': finding 8a23"}"""], BlockRunner.Texts(rows));
    }

    [Fact]
    public async Task Transform_data_values_depend_on_the_prompt()
    {
        var first = await BlockRunner.RunAsync(new TransformDataBlock(), """{"prompt":"Normalise titles","return_fields":{"title_norm":"Title"}}""", """{"title":"ceo"}""");
        var other = await BlockRunner.RunAsync(new TransformDataBlock(), """{"prompt":"Translate titles","return_fields":{"title_norm":"Title"}}""", """{"title":"ceo"}""");

        Assert.Equal(["""{"title":"ceo","title_norm":"title_norm-60b8"}"""], BlockRunner.Texts(first));
        Assert.NotEqual(first[0]["title_norm"]!.GetValue<string>(), other[0]["title_norm"]!.GetValue<string>());
    }
}
