using System.IO.Compression;
using System.Security.Cryptography;

namespace Samstyring.Core.Archive;

/// <summary>A file written into the extract: its path inside it, size in bytes and lowercase hex SHA-256.</summary>
public sealed record ArchiveFile(string Path, long SizeBytes, string Sha256);

/// <summary>
/// Where an extract is written: a directory (the command line) or a ZIP stream (the office's download). Files are
/// written one after another, each streamed through SHA-256, so the sink never holds a file in memory.
/// </summary>
public abstract class ArchiveSink : IAsyncDisposable
{
    /// <summary>Writes one file; <paramref name="write"/> gets a stream that counts and hashes what passes through it.</summary>
    public async Task<ArchiveFile> WriteAsync(string path, Func<Stream, Task> write, CancellationToken ct)
    {
        await using var target = await OpenAsync(path, ct);
        await using var hashing = new HashingStream(target);
        await write(hashing);
        await hashing.FlushAsync(ct);
        return new ArchiveFile(path, hashing.Length, hashing.Sha256());
    }

    /// <summary>Opens a new file at <paramref name="path"/> (forward slashes, relative) for writing.</summary>
    protected abstract Task<Stream> OpenAsync(string path, CancellationToken ct);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Writes the extract into a directory, which must not hold an extract already.</summary>
public sealed class DirectoryArchiveSink(string directory) : ArchiveSink
{
    public string Directory { get; } = System.IO.Path.GetFullPath(directory);

    protected override Task<Stream> OpenAsync(string path, CancellationToken ct)
    {
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, path));
        if (!full.StartsWith(Directory + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidOperationException($"«{path}» ligger utenfor uttrekket.");
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return Task.FromResult<Stream>(new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true));
    }
}

/// <summary>Writes the extract as a ZIP into a stream that need not be seekable (an HTTP response).</summary>
public sealed class ZipArchiveSink(Stream output) : ArchiveSink
{
    private readonly ZipArchive _zip = new(output, ZipArchiveMode.Create, leaveOpen: true);

    protected override Task<Stream> OpenAsync(string path, CancellationToken ct)
    {
        // PDFs and attachments are compressed already; the XML compresses well.
        var level = path.EndsWith(".xml", StringComparison.Ordinal) ? CompressionLevel.Optimal : CompressionLevel.Fastest;
        return Task.FromResult(_zip.CreateEntry(path, level).Open());
    }

    public override async ValueTask DisposeAsync()
    {
        await _zip.DisposeAsync();
    }
}

/// <summary>A write-only stream that passes bytes on and keeps their count and SHA-256.</summary>
public sealed class HashingStream(Stream inner) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _length;
    private byte[]? _result;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    /// <summary>The lowercase hex SHA-256 of everything written; the stream takes no more writes after this.</summary>
    public string Sha256() => Convert.ToHexStringLower(_result ??= _hash.GetHashAndReset());

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_result is not null) throw new InvalidOperationException("Filen er allerede avsluttet.");
        _hash.AppendData(buffer);
        _length += buffer.Length;
        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_result is not null) throw new InvalidOperationException("Filen er allerede avsluttet.");
        _hash.AppendData(buffer.Span);
        _length += buffer.Length;
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _hash.Dispose();
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync()
    {
        _hash.Dispose();
        return base.DisposeAsync();
    }
}
