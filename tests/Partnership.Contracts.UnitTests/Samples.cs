using System.Reflection;

namespace Partnership.Contracts.UnitTests;

/// <summary>An instance of any record with every property set, for looking at its JSON.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset At = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    public static object Of(Type record)
    {
        var constructor = record.GetConstructors().Single();
        return constructor.Invoke(constructor.GetParameters().Select(Value).ToArray());
    }

    private static Array OneOf(Type element)
    {
        var list = Array.CreateInstance(element, 1);
        list.SetValue(Of(element), 0);
        return list;
    }

    private static object Value(ParameterInfo p) => (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) switch
    {
        var t when t == typeof(string) => p.Name!,
        var t when t == typeof(decimal) => 4000m,
        var t when t == typeof(int) => 2,
        var t when t == typeof(long) => 7L,
        var t when t == typeof(bool) => true,
        var t when t == typeof(Guid) => Guid.Parse("0b6b1c58-5b0a-4c7e-9f34-2f0b7c1f0a11"),
        var t when t == typeof(DateTimeOffset) => At,
        // A list of records (OrganizationCreated.defaultBindings): one of them, every property set.
        var t when t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) => OneOf(t.GetGenericArguments()[0]),
        var t => throw new NotSupportedException($"No sample for {t.Name} ({p.Member.DeclaringType!.Name}.{p.Name}); add one."),
    };
}
