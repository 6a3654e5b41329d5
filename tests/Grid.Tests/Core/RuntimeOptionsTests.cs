using Grid.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Grid.Tests.Core;

/// <summary>The silo's options are read once and a configuration that cannot work stops the start naming the key.</summary>
public sealed class RuntimeOptionsTests
{
    [Fact]
    public void Valid_configuration_is_read_with_its_defaults()
    {
        var options = GridRuntimeOptions.Read(Configuration(("Grid:Identity:HashKey", Convert.ToBase64String(new byte[32])), ("Grid:Conversations:LinkEmailReplies", "Any")));
        Assert.Equal((ReplyLinking.Any, 64, "fr"), (options.Conversations.LinkEmailReplies, options.Conversations.SnapshotEvery, options.Conversations.DefaultLanguage));
        Assert.Equal((TimeSpan.FromSeconds(15), 0), (options.Bot.FirstBuildWait, options.Bot.WarmTenants.Count));
    }

    [Fact]
    public void Invalid_configuration_names_every_key_to_fix()
    {
        var error = Assert.Throws<OptionsValidationException>(() => GridRuntimeOptions.Read(Configuration(
            ("Grid:Identity:HashKey", "c2hvcnQ="),
            ("Grid:Conversations:DefaultLanguage", "de"),
            ("Grid:SqliteSynchronous", "OFF"),
            ("Grid:Routing:OfferTimeout", "00:00:00"),
            ("Grid:Orleans:SiloPort", "70000"),
            ("Grid:Bot:FirstBuildWait", "00:00:40"),
            ("Grid:Bot:WarmTenants:0", " "))));
        foreach (var key in new[] { "Grid:Identity:HashKey", "Grid:Conversations:DefaultLanguage", "Grid:SqliteSynchronous", "Grid:Routing:OfferTimeout", "Grid:Orleans:SiloPort", "Grid:Bot:FirstBuildWait", "Grid:Bot:WarmTenants" })
        {
            Assert.Contains(key, error.Message);
        }

        Assert.Contains("Grid:Identity:HashKey is not configured", Assert.Throws<OptionsValidationException>(() => GridRuntimeOptions.Read(Configuration())).Message);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
