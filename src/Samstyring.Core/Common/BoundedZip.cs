using System.IO.Compression;

namespace Samstyring.Core.Common;

/// <summary>
/// Reading entries of an uploaded or restored ZIP (an XLSX, a backup) without trusting its headers. The size an
/// entry declares is checked before a byte is unpacked, and the bytes really unpacked are counted as they are read,
/// so an entry that unpacks to more than it declares (a zip bomb with a lying header) is stopped right there. The
/// runtime's own checks (CRC, length) end up as the same <c>damaged</c> exception. Each reader passes its own
/// exceptions, so the user reads a message about their kind of file.
/// </summary>
public static class BoundedZip
{
    /// <param name="maxBytes">The most this entry may unpack to.</param>
    /// <param name="tooLarge">Thrown when the entry declares more than <paramref name="maxBytes"/>.</param>
    /// <param name="damaged">Thrown when the entry does not unpack to what it declares: more bytes, or a wrong checksum.</param>
    public static Stream Open(ZipArchiveEntry entry, long maxBytes, Func<Exception> tooLarge, Func<Exception> damaged)
    {
        if (entry.Length > maxBytes || entry.Length < 0) throw tooLarge();
        return new CountingStream(entry.Open(), entry.Length, damaged);
    }

    /// <summary>Reads at most <c>limit</c> bytes from the inner stream; one byte more throws.</summary>
    private sealed class CountingStream(Stream inner, long limit, Func<Exception> damaged) : Stream
    {
        private long _read;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            try { return Count(inner.Read(buffer)); }
            catch (InvalidDataException) { throw damaged(); }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try { return Count(await inner.ReadAsync(buffer, cancellationToken)); }
            catch (InvalidDataException) { throw damaged(); }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int n)
        {
            _read += n;
            if (_read > limit) throw damaged();
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
