using Grid.Tests.Infrastructure;

namespace Grid.Tests.Privacy;

/// <summary>
/// An embedded host of the GDPR tests' own (its log and database files are scanned whole): a reopen window of one second
/// (a resolved conversation closes at once) and a retention run every two seconds.
/// </summary>
public sealed class GdprHostFixture : IAsyncLifetime
{
    public EmbeddedGrid Grid { get; } = new();

    public Task InitializeAsync() => Grid.StartAsync(new Dictionary<string, string>
    {
        ["Grid__Conversations__ReopenWindow"] = "00:00:01",
        ["Grid__Privacy__RetentionPeriod"] = "00:00:02",
    });

    public async Task DisposeAsync() => await Grid.DisposeAsync();
}
