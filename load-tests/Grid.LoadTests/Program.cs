using Grid.LoadTests;
using Grid.LoadTests.OpenLoop;

var options = DriverOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(DriverOptions.Usage);
    return 2;
}

if (options.Scenario == "open")
{
    return await new OpenScenario(options).RunAsync();
}

if (options.Scenario == "fanout")
{
    return await new FanOutScenario(options).RunAsync();
}

if (options.Scenario == "bench")
{
    return await new BenchScenario(options).RunAsync();
}

var report = new Report();
if (options.Scenario is "ingest" or "all")
{
    await new IngestScenario(options, report).RunAsync();
}

if (options.Scenario is "newcustomers" or "all")
{
    await new IngestScenario(options, report, freshSenders: true).RunAsync();
}

if (options.Scenario is "depth" or "all")
{
    await new JournalDepthScenario(options, report).RunAsync();
}

if (options.Scenario is "existing" or "all")
{
    await new ExistingConversationsScenario(options, report, measureGrid: true).RunAsync();
}

if (options.Scenario is "handoff")
{
    await new HandoffScenario(options, report).RunAsync();
}

if (options.Scenario is "baselines")
{
    await new ExistingConversationsScenario(options, report, measureGrid: false).RunAsync();
}

report.Print();
return 0;
