using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Samstyring.Core.Roadmap;

/// <summary>
/// The SVG text being written, in a pooled buffer: a chart of 20 000 plans is about 9 million characters, and taking a
/// fresh buffer of that size for every render costs more than writing it. Only the final string is new memory.
/// </summary>
internal sealed class SvgBuffer : IDisposable
{
    private char[] _buffer;
    private int _length;

    public SvgBuffer(int capacity) => _buffer = ArrayPool<char>.Shared.Rent(capacity);

    public SvgBuffer Append(string? s) => s is null ? this : Append(s.AsSpan());

    public SvgBuffer Append(string s, int start, int count) => Append(s.AsSpan(start, count));

    public SvgBuffer Append(ReadOnlySpan<char> s)
    {
        Reserve(s.Length);
        s.CopyTo(_buffer.AsSpan(_length));
        _length += s.Length;
        return this;
    }

    public SvgBuffer Append(char c)
    {
        Reserve(1);
        _buffer[_length++] = c;
        return this;
    }

    public void Append<T>(T value) where T : ISpanFormattable
    {
        int written;
        while (!value.TryFormat(_buffer.AsSpan(_length), out written, default, CultureInfo.InvariantCulture)) Reserve(_buffer.Length - _length + 64);
        _length += written;
    }

    /// <summary>Appends an interpolated string: literals as they are, <see cref="Px"/> and numbers invariantly.</summary>
    public void Write([InterpolatedStringHandlerArgument("")] ref SvgHandler handler) => _ = handler;

    public void Reserve(int count)
    {
        if (_length + count <= _buffer.Length) return;
        var bigger = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<char>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public override string ToString() => new(_buffer, 0, _length);

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_buffer);
        _buffer = [];
        _length = 0;
    }
}

[InterpolatedStringHandler]
internal readonly ref struct SvgHandler
{
    private readonly SvgBuffer _buffer;

    public SvgHandler(int literalLength, int formattedCount, SvgBuffer buffer)
    {
        _buffer = buffer;
        buffer.Reserve(literalLength + formattedCount * 16);
    }

    public void AppendLiteral(string s) => _buffer.Append(s);
    public void AppendFormatted(string? s) => _buffer.Append(s);
    public void AppendFormatted(Px value) => _buffer.Append(value);
    public void AppendFormatted(int value) => _buffer.Append(value);
}

/// <summary>
/// A coordinate with at most one decimal ("12.5", "12", "-3.1"), invariant by construction. Formatting tens of
/// thousands of doubles is the hot path of a large chart, and this is several times faster than "F1".
/// </summary>
internal readonly struct Px(double value) : ISpanFormattable
{
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        charsWritten = 0;
        var tenths = (long)Math.Round(value * 10, MidpointRounding.AwayFromZero);
        var pos = 0;
        if (tenths < 0)
        {
            if (destination.Length < 1) return false;
            destination[pos++] = '-';
            tenths = -tenths;
        }
        if (!(tenths / 10).TryFormat(destination[pos..], out var n, default, CultureInfo.InvariantCulture)) return false;
        pos += n;
        var fraction = (int)(tenths % 10);
        if (fraction != 0)
        {
            if (destination.Length < pos + 2) return false;
            destination[pos++] = '.';
            destination[pos++] = (char)('0' + fraction);
        }
        charsWritten = pos;
        return true;
    }

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public override string ToString()
    {
        Span<char> buffer = stackalloc char[32];
        return TryFormat(buffer, out var n, default, null) ? new string(buffer[..n]) : value.ToString("F1", CultureInfo.InvariantCulture);
    }
}
