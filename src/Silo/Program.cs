using Grid.Hosting;
using Grid.Silo;

var builder = WebApplication.CreateBuilder(args);
if (await GridCommands.TryRunAsync(args, builder.Configuration))
{
    return;
}

DataDirectoryLock dataLock;
try
{
    dataLock = builder.AddGridSilo();
}
catch (ClusterTransportException refused)
{
    Console.Error.WriteLine(refused.Message);
    Environment.ExitCode = 3;
    return;
}

await using (dataLock)
{
    var app = builder.Build();
    app.MapGridSilo();
    await app.RunAsync();
}
