using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;

namespace Linea.Storage;

/// <summary>
/// Elements in a memory-mapped file, starting <c>dataOffset</c> bytes into it (after a .npy header). The operating
/// system reads pages as they are touched, so opening a file of any size is immediate and a slice reads only its
/// own pages. <see cref="MmapMode.ReadOnly"/> refuses writes (the tensor is read-only), <see cref="MmapMode.CopyOnWrite"/>
/// keeps writes in private pages, <see cref="MmapMode.ReadWrite"/> writes through to the file (flushed on dispose).
/// </summary>
internal sealed unsafe class MappedStorage<T> : UnmanagedStorage<T> where T : unmanaged
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly long _length;
    private readonly string _path;
    private int _released;

    public MmapMode Mode { get; }

    public MappedStorage(string path, long dataOffset, long length, MmapMode mode)
    {
        _path = path;
        _length = length;
        Mode = mode;
        var access = mode switch
        {
            MmapMode.ReadOnly => MemoryMappedFileAccess.Read,
            MmapMode.CopyOnWrite => MemoryMappedFileAccess.CopyOnWrite,
            MmapMode.ReadWrite => MemoryMappedFileAccess.ReadWrite,
            _ => throw new ArgumentException($"mmap: mode {mode} does not map a file", nameof(mode)),
        };
        var stream = new FileStream(path, FileMode.Open, mode == MmapMode.ReadWrite ? FileAccess.ReadWrite : FileAccess.Read,
            FileShare.ReadWrite | FileShare.Delete);
        try
        {
            _file = MemoryMappedFile.CreateFromFile(stream, null, 0, access, HandleInheritability.None, leaveOpen: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        try
        {
            _view = _file.CreateViewAccessor(0, dataOffset + length * sizeof(T), access);
            byte* p = null;
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
            Address = (IntPtr)(p + _view.PointerOffset + dataOffset);
        }
        catch
        {
            _view?.Dispose();
            _file.Dispose();
            throw;
        }
    }

    ~MappedStorage() => Release(flush: false);

    public override long Length => _length;
    public override StorageKind Kind => StorageKind.MemoryMapped;
    public override bool IsReadOnly => Mode == MmapMode.ReadOnly;
    public override string Describe() => Mode switch
    {
        MmapMode.ReadOnly => $"a read-only mapping of '{_path}'",
        MmapMode.CopyOnWrite => $"a copy-on-write mapping of '{_path}'",
        _ => $"a read-write mapping of '{_path}'",
    };

    public override void Dispose()
    {
        Release(flush: true);
        GC.SuppressFinalize(this);
    }

    private void Release(bool flush)
    {
        if (Interlocked.Exchange(ref _released, 1) != 0) return;
        Address = IntPtr.Zero;
        if (flush && Mode == MmapMode.ReadWrite) _view.Flush();
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        if (flush)
        {
            _view.Dispose();
            _file.Dispose();
        }
    }

    protected override string DisposedDescription => $"memory-mapped file '{_path}'";
}
