using Grid.Edge;
using Grid.Edge.Host;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddGridEdgeClient();
    builder.AddGridEdge();
    var app = builder.Build();
    StartupErrors.ValidateOptions(app.Services);
    app.MapGridEdge();
    await app.RunAsync();
}
catch (Exception ex) when (StartupErrors.Explain(ex) is { } line)
{
    StartupErrors.Fail(line);
}
