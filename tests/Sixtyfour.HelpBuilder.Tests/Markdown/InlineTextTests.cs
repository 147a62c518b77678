using Sixtyfour.HelpBuilder.Markdown;

namespace Sixtyfour.HelpBuilder.Tests.Markdown;

public class InlineTextTests
{
    [Theory]
    [InlineData("The **Get-Thing** cmdlet", "The Get-Thing cmdlet")]
    [InlineData("use `-Name *` and *emphasis*", "use -Name * and emphasis")]
    [InlineData("see about_Sixtyfour and snake_case_names", "see about_Sixtyfour and snake_case_names")]
    [InlineData("see [about_Sixtyfour](about_Sixtyfour.md)", "see about_Sixtyfour")]
    [InlineData("see [the API](https://api.sixtyfour.ai/docs)", "see the API (https://api.sixtyfour.ai/docs)")]
    [InlineData("escaped \\<T\\> and \\[x\\]", "escaped <T> and [x]")]
    [InlineData("soft\nwrapped   \n line", "soft wrapped line")]
    [InlineData("`**not bold**` stays", "**not bold** stays")]
    public void Strips_inline_markdown(string markdown, string plain)
        => Assert.Equal(plain, InlineText.ToPlain(markdown));

    [Fact]
    public void Finds_placeholders() => Assert.True(InlineText.HasPlaceholder("{{ Fill in the Synopsis }}"));
}
