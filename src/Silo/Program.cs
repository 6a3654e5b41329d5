using Grid.Edge;
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
catch (Exception ex) when (StartupFailure.Explain(ex) is { } line)
{
    StartupErrors.Fail(line);
}
