using Grid.Protos.V1;
using Grid.Tests.Infrastructure;

namespace Grid.Tests.EndToEnd;

/// <summary>A knowledge base survives a kill of the embedded host, and the demo seed never overwrites it.</summary>
public sealed class KnowledgePersistenceTests
{
    [Fact]
    public async Task A_knowledge_base_survives_a_kill_and_is_never_reseeded()
    {
        await using var grid = new EmbeddedGrid();
        await grid.StartAsync();
        ExportEntriesResponse export;
        SettingsResponse settings;
        await using (var demo = grid.Integrator(grid.DemoApiKey()))
        {
            // The seeded demo knowledge base, changed by its admin: a restart must keep the change, not seed again.
            await demo.Knowledge.DeleteEntryAsync(new DeleteEntryRequest { Id = "opening-hours" }, demo.Headers);
            var replaced = await demo.Knowledge.GetEntryAsync(new GetEntryRequest { Id = "invoice-copy" }, demo.Headers);
            replaced.Answers["fr"] = "Réponse modifiée.";
            await demo.Knowledge.UpdateEntryAsync(new UpdateEntryRequest { Entry = replaced }, demo.Headers);
            var wanted = new KnowledgeSettings { Threshold = 0.65, DefaultLanguage = "en", Synonyms = { new SynonymGroup { Words = { "bill", "invoice" } } } };
            await demo.Knowledge.SetSettingsAsync(new SetSettingsRequest { Settings = wanted }, demo.Headers);
            export = await demo.Knowledge.ExportEntriesAsync(new ExportEntriesRequest(), demo.Headers);
            settings = await demo.Knowledge.GetSettingsAsync(new GetSettingsRequest(), demo.Headers);
        }

        Assert.Equal(27, export.Count);
        Assert.Equal(4, export.Version);
        await grid.Process.KillAsync();

        await using var again = new EmbeddedGrid(grid.Keys, grid.DataDir);
        await again.StartAsync();
        await using var after = again.Integrator(again.DemoApiKey());
        Assert.Equal(export, await after.Knowledge.ExportEntriesAsync(new ExportEntriesRequest(), after.Headers));
        Assert.Equal(settings, await after.Knowledge.GetSettingsAsync(new GetSettingsRequest(), after.Headers));
        Assert.Equal("Réponse modifiée.", (await after.Knowledge.GetEntryAsync(new GetEntryRequest { Id = "invoice-copy" }, after.Headers)).Answers["fr"]);
        Assert.Contains("exists: not seeded", again.Process.Output);
    }
}
