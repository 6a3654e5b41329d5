using Grid.Edge;
using Grid.Edge.Host;
using Grid.Hosting;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddGridEdgeClient();
    builder.AddGridEdge();
    var app = builder.Build();
    StartupErrors.ValidateOptions(app.Services);
    app.Services.GetService<ClusterTransport>()?.UseLogger(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<ClusterTransport>());
    app.MapGridEdge();
    await app.RunAsync();
}
catch (ClusterTransportException refused)
{
    // An open cluster transport is refused in one line (see docs/architecture.md, "Security").
    Console.Error.WriteLine(refused.Message);
    Environment.ExitCode = 3;
}
catch (Exception ex) when (StartupErrors.Explain(ex) is { } line)
{
    StartupErrors.Fail(line);
}
