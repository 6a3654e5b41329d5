using Grid.Silo;

var builder = WebApplication.CreateBuilder(args);
if (await GridCommands.TryRunAsync(args, builder.Configuration))
{
    return;
}

await using var dataLock = builder.AddGridSilo();
var app = builder.Build();
app.MapGridSilo();
await app.RunAsync();
