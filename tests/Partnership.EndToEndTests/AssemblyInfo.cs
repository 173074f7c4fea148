// One running system at a time: each holds four (or eight) service processes with their own PostgreSQL pools, and two at
// once exceed the test server's connection limit.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
