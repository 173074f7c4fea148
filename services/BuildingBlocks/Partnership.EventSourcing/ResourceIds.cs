using System.Security.Cryptography;
using System.Text;

namespace Partnership.EventSourcing;

/// <summary>
/// The cloud's ID format: a 3-character type prefix and 17 lowercase letters and digits ("dn2..." for
/// billing accounts). A derived ID is a pure function of its seed, so a consumer that handles the same
/// message twice arrives at the same ID and its append finds the stream already there.
/// </summary>
public static class ResourceIds
{
    public const int SuffixLength = 17;
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuv";

    public static string New(string prefix) => prefix + Encode(RandomNumberGenerator.GetBytes(16));

    public static string Derive(string prefix, string seed) =>
        prefix + Encode(SHA256.HashData(Encoding.UTF8.GetBytes(prefix + "|" + seed)));

    public static bool IsValid(string? id, string prefix) =>
        id is not null && id.Length == prefix.Length + SuffixLength && id.StartsWith(prefix, StringComparison.Ordinal)
        && id.AsSpan(prefix.Length).IndexOfAnyExcept(Alphabet) < 0;

    private static string Encode(byte[] bytes)
    {
        var chars = new char[SuffixLength];
        for (var i = 0; i < SuffixLength; i++) chars[i] = Alphabet[bytes[i] & 31];
        return new string(chars);
    }
}
