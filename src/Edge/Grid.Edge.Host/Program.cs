using Grid.Edge;
using Grid.Edge.Host;
using Grid.Hosting;

var builder = WebApplication.CreateBuilder(args);
try
{
    builder.AddGridEdgeClient();
}
catch (ClusterTransportException refused)
{
    Console.Error.WriteLine(refused.Message);
    Environment.ExitCode = 3;
    return;
}

builder.AddGridEdge();
var app = builder.Build();
app.Services.GetService<ClusterTransport>()?.UseLogger(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<ClusterTransport>());
app.MapGridEdge();
await app.RunAsync();
