using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Partnership.EndToEndTests.Fuzzing;

/// <summary>
/// Writes malformed request bodies for any message type from its descriptor: random bytes, truncated messages,
/// hostile field values (control characters, strings up to 100 KB, invalid UTF-8, out-of-range enums and numbers,
/// huge repeated fields) and wrong wire types. Deterministic for a given <see cref="Random"/>.
/// </summary>
public sealed class MalformedRequests(Random random)
{
    public enum Kind { RandomBytes, Truncated, HostileValues, WrongWireTypes }

    private static readonly string[] ControlCharacters = ["\u0000", "\u0001", "\u0007", "\n", "\u001f", "\u007f", "\u0085", "\u009f"];
    private static readonly byte[][] InvalidUtf8 = [[0xFF], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82]];

    public byte[] Next(MessageDescriptor type, out Kind kind)
    {
        kind = (Kind)random.Next(4);
        if (type.Fields.InDeclarationOrder().Count == 0 && kind != Kind.WrongWireTypes) kind = Kind.RandomBytes;
        return kind switch
        {
            Kind.RandomBytes => RandomBytes(random.Next(10) == 0 ? random.Next(1, 8192) : random.Next(1, 64)),
            Kind.Truncated => Truncate(Write(type, hostile: false, depth: 0)),
            Kind.HostileValues => Write(type, hostile: true, depth: 0),
            _ => WrongWireTypes(type),
        };
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private byte[] Truncate(byte[] message) => message.Length < 2 ? RandomBytes(3) : message[..random.Next(1, message.Length)];

    private byte[] Write(MessageDescriptor type, bool hostile, int depth)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        foreach (var field in type.Fields.InFieldNumberOrder())
        {
            if (random.Next(4) == 0) continue;
            var count = !field.IsRepeated ? 1 : hostile && random.Next(4) == 0 ? random.Next(1000, 5000) : random.Next(0, 4);
            for (var i = 0; i < count; i++) WriteField(output, field, hostile, depth);
        }
        output.Flush();
        return buffer.ToArray();
    }

    private void WriteField(CodedOutputStream output, FieldDescriptor field, bool hostile, int depth)
    {
        var n = field.FieldNumber;
        switch (field.FieldType)
        {
            case FieldType.String when hostile && random.Next(4) == 0:
                output.WriteTag(n, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(ByteString.CopyFrom(InvalidUtf8[random.Next(InvalidUtf8.Length)]));
                break;
            case FieldType.String:
                output.WriteTag(n, WireFormat.WireType.LengthDelimited);
                output.WriteString(hostile ? HostileString() : PlausibleString());
                break;
            case FieldType.Bytes:
                output.WriteTag(n, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(ByteString.CopyFrom(RandomBytes(random.Next(0, 64))));
                break;
            case FieldType.Message or FieldType.Group:
                output.WriteTag(n, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(ByteString.CopyFrom(depth < 3 ? Write(field.MessageType, hostile, depth + 1) : RandomBytes(8)));
                break;
            case FieldType.Enum or FieldType.Int32 or FieldType.UInt32 or FieldType.SInt32:
                output.WriteTag(n, WireFormat.WireType.Varint);
                output.WriteInt32(hostile ? HostileInt() : random.Next(0, 3));
                break;
            case FieldType.Int64 or FieldType.UInt64 or FieldType.SInt64:
                output.WriteTag(n, WireFormat.WireType.Varint);
                output.WriteInt64(hostile ? HostileLong() : random.Next(0, 1000));
                break;
            case FieldType.Bool:
                output.WriteTag(n, WireFormat.WireType.Varint);
                output.WriteUInt64(hostile ? (ulong)random.NextInt64() : (ulong)random.Next(2));
                break;
            case FieldType.Fixed32 or FieldType.SFixed32 or FieldType.Float:
                output.WriteTag(n, WireFormat.WireType.Fixed32);
                output.WriteFixed32((uint)random.Next());
                break;
            default:
                output.WriteTag(n, WireFormat.WireType.Fixed64);
                output.WriteFixed64((ulong)random.NextInt64());
                break;
        }
    }

    private byte[] WrongWireTypes(MessageDescriptor type)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        var numbers = type.Fields.InFieldNumberOrder().Select(f => f.FieldNumber).Append(random.Next(1, 536_870_911)).ToArray();
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            var number = numbers[random.Next(numbers.Length)];
            switch (random.Next(5))
            {
                case 0: // a varint where a string or message is expected, or the reverse
                    output.WriteTag(number, WireFormat.WireType.Varint);
                    output.WriteUInt64((ulong)random.NextInt64());
                    break;
                case 1: // a length prefix far beyond the body
                    output.WriteTag(number, WireFormat.WireType.LengthDelimited);
                    output.WriteUInt32((uint)random.Next(1000, int.MaxValue));
                    break;
                case 2: // an unmatched group
                    output.WriteTag(number, WireFormat.WireType.StartGroup);
                    break;
                case 3: // an end-group with no start
                    output.WriteTag(number, WireFormat.WireType.EndGroup);
                    break;
                default: // field number 0 and wire types 6 and 7 do not exist
                    output.WriteRawTag((byte)random.Next(6, 8));
                    break;
            }
        }
        output.Flush();
        return buffer.ToArray();
    }

    private string PlausibleString() => random.Next(4) switch
    {
        0 => "",
        1 => "aje" + RandomLetters(17),
        2 => $"fuzz-{RandomLetters(8)}@example.com",
        _ => RandomLetters(random.Next(1, 40)),
    };

    private string HostileString() => random.Next(6) switch
    {
        0 => RandomLetters(random.Next(0, 10)) + ControlCharacters[random.Next(ControlCharacters.Length)] + RandomLetters(random.Next(0, 10)),
        1 => new string((char)('a' + random.Next(26)), random.Next(1025, 100_000)),
        2 => new string('x', 1024),
        3 => "\u202Eevil\uFEFF\uFFFF🚀" + RandomLetters(5),
        4 => "dn2" + new string('9', random.Next(17, 70_000)),
        _ => "' OR 1=1; --" + RandomLetters(3),
    };

    private int HostileInt() => random.Next(6) switch
    {
        0 => -1,
        1 => int.MinValue,
        2 => int.MaxValue,
        3 => random.Next(3, 1000),
        4 => random.Next(int.MinValue, 0),
        _ => random.Next(),
    };

    private long HostileLong() => random.Next(3) switch
    {
        0 => long.MinValue,
        1 => long.MaxValue,
        _ => random.NextInt64(long.MinValue, long.MaxValue),
    };

    private string RandomLetters(int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++) text.Append((char)('a' + random.Next(26)));
        return text.ToString();
    }
}
