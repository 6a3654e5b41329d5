using Grid.Edge;
using Grid.Edge.Host;

var builder = WebApplication.CreateBuilder(args);
builder.AddGridEdgeClient();
builder.AddGridEdge();
var app = builder.Build();
app.MapGridEdge();
await app.RunAsync();
