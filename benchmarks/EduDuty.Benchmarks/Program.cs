using BenchmarkDotNet.Running;

// Measurements that need a process of their own (peak memory) run as commands; the rest through BenchmarkDotNet.
if (args is ["compare", .. var options]) return await EduDuty.Benchmarks.Compare.CompareMode.RunAsync(options);
if (args is ["counties-export", .. var rest]) return await EduDuty.Benchmarks.CountiesExportMeasure.RunAsync(rest);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
