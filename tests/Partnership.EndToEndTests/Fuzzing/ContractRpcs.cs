using System.Reflection;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Partnership.EndToEndTests.Fuzzing;

/// <summary>One RPC of the public contract: the AppHost resource that serves it, its path and its request type.</summary>
public sealed record ContractRpc(string Resource, string Path, MessageDescriptor Request, bool ServerStreaming = false)
{
    public Method<byte[], byte[]> RawMethod { get; } = RawMethodFor(Path, ServerStreaming);

    private static Method<byte[], byte[]> RawMethodFor(string path, bool serverStreaming)
    {
        // Bytes in, bytes out: the fuzzer writes the wire form itself, so it can write what no typed client would.
        var bytes = Marshallers.Create(b => b, b => b);
        var slash = path.LastIndexOf('/');
        return new Method<byte[], byte[]>(serverStreaming ? MethodType.ServerStreaming : MethodType.Unary, path[1..slash],
            path[(slash + 1)..], bytes, bytes);
    }
}

/// <summary>Every RPC in Partnership.Contracts, read from the generated descriptors, so a new RPC is fuzzed without edits.</summary>
public static class ContractRpcs
{
    // Which AppHost resource serves each proto package; a new package fails the fuzz test until it is named here.
    private static readonly Dictionary<string, string> ResourceByPackage = new()
    {
        ["partnership.identity.v1"] = "identity",
        ["partnership.billing.v1"] = "billing",
        ["partnership.customers.v1"] = "customer",
        ["partnership.notification.v1"] = "notification",
        // Served by every service for its own events; one of them is enough to fuzz the shared implementation.
        ["partnership.events.v1"] = "customer",
    };

    public static IReadOnlyList<ContractRpc> All()
    {
        var files = typeof(Contracts.Customers.V1.Customers).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
            .Where(p => p?.PropertyType == typeof(FileDescriptor))
            .Select(p => (FileDescriptor)p!.GetValue(null)!)
            .DistinctBy(f => f.Name);
        return files.SelectMany(f => f.Services)
            .SelectMany(s => s.Methods.Select(m => new ContractRpc(ResourceOf(s.File.Package), $"/{s.FullName}/{m.Name}", m.InputType,
                m.IsServerStreaming && s.File.Package == "partnership.events.v1")))
            .OrderBy(r => r.Path, StringComparer.Ordinal)
            .ToList();
    }

    private static string ResourceOf(string package) => ResourceByPackage.TryGetValue(package, out var resource)
        ? resource
        : throw new InvalidOperationException($"Proto package {package} has no AppHost resource in {nameof(ContractRpcs)}.");
}
