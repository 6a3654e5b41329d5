// The scenarios kill and restart processes and measure how long recovery takes: one at a time, on two shared cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
