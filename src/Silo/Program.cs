using Grid.Edge;
using Grid.Hosting;
using Grid.Silo;

try
{
    var builder = WebApplication.CreateBuilder(args);
    if (await GridCommands.TryRunAsync(args, builder.Configuration))
    {
        return;
    }

    await using var dataLock = builder.AddGridSilo();
    var app = builder.Build();
    StartupErrors.ValidateOptions(app.Services);
    app.MapGridSilo();
    await app.RunAsync();
}
catch (ClusterTransportException refused)
{
    // An open cluster transport is refused in one line (see docs/architecture.md, "Security").
    Console.Error.WriteLine(refused.Message);
    Environment.ExitCode = 3;
}
catch (Exception ex) when (StartupFailure.Explain(ex) is { } line)
{
    StartupErrors.Fail(line);
}
