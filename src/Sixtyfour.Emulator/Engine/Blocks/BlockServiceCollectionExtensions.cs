namespace Sixtyfour.Emulator.Engine.Blocks;

/// <summary>Registers every block type; adding a block is its file plus one line here.</summary>
public static class BlockServiceCollectionExtensions
{
    public static IServiceCollection AddBlocks(this IServiceCollection services) => services
        .AddSingleton<IBlock, WebhookBlock>()
        .AddSingleton<IBlock, ReadCsvBlock>()
        .AddSingleton<IBlock, FindEmailBlock>()
        .AddSingleton<IBlock, VerifyEmailBlock>()
        .AddSingleton<IBlock, FindPhoneBlock>()
        .AddSingleton<IBlock, LeadEnrichmentBlock>()
        .AddSingleton<IBlock, CompanyEnrichmentBlock>()
        .AddSingleton<IBlock, CompanyToLeadsBlock>()
        .AddSingleton<IBlock, LeadsToCompanyBlock>()
        .AddSingleton<IBlock, FilterBlock>()
        .AddSingleton<IBlock, DeduplicateBlock>()
        .AddSingleton<IBlock, RemoveColumnsBlock>()
        .AddSingleton<IBlock, GroupByBlock>()
        .AddSingleton<IBlock, OutgoingWebhookBlock>()
        .AddSingleton<BlockRegistry>();
}
