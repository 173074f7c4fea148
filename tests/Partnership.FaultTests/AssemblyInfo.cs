// One running system at a time: each holds four service processes with their own PostgreSQL pools, and a fault
// scenario's timings mean nothing while another system competes for the two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
