using BenchmarkDotNet.Running;

// dotnet run -c Release --project loadtests/ArenaServer.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
