global using Orleans;
global using Orleans.Concurrency;
global using Orleans.Runtime;
global using Orleans.Configuration;
global using Orleans.Hosting;
